import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { loginHostUrl } from "../hosts"
import { InvalidClient, InvalidClientId, InvalidGrant, InvalidRequest } from "../errors"
import { param, readClientAuth } from "../http"
import { certificatePublicKey } from "../keys"
import { safeEqual } from "../secrets"
import { getApp } from "../store/apps"
import { getSettings } from "../store/settings"
import { rememberJti } from "../store/used-jtis"
import { issueTokens } from "./issue-tokens"
import { priorApprovalFor } from "./prior-approval"
import { countLogin } from "./rate-limits"

/** Clock skew tolerated on `exp`, `nbf` and `iat` (RFC 7519 §4.1.4 "a few minutes"). */
export const ASSERTION_SKEW_S = 180
/** "The expiration time of the assertion within 3 minutes" (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5). */
const MAX_LIFETIME_S = 180

const INVALID_ASSERTION = "invalid assertion"

/** Salesforce's own doc example writes `exp` as a string; accept numeric strings too. */
function numericClaim(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isFinite(v)) return v
  if (typeof v === "string" && /^\d{1,20}$/.test(v)) return Number(v)
  return undefined
}

function decode(assertion: string): { alg: unknown; crit: unknown; claims: JWTPayload } {
  try {
    const header = decodeProtectedHeader(assertion)
    return { alg: header.alg, crit: header.crit, claims: decodeJwt(assertion) }
  } catch {
    throw new InvalidGrant(INVALID_ASSERTION)
  }
}

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer` (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5, RFC 7523 §3).
 * The only key ever used is the app's registered certificate: `jwk`, `jku`, `x5c` and `kid` in the
 * header are ignored, and only RS256 is accepted (docs/security.md, S-53, S-54).
 */
export async function jwtBearerGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  const assertion = param(form, "assertion")
  if (!assertion) throw new InvalidRequest("assertion must be provided")
  const { alg, crit, claims } = decode(assertion)

  const app = typeof claims.iss === "string" ? getApp(ctx.db, claims.iss) : undefined
  if (!app) throw new InvalidClientId("client identifier invalid")
  // Client credentials are not needed here, but when sent (in the body or as HTTP Basic) they must
  // be right, and be the assertion's client (RFC 7523 §3.1, S-63).
  const auth = readClientAuth(req, form)
  if (
    auth.clientSecret !== undefined &&
    ((auth.clientId ?? app.clientId) !== app.clientId ||
      !safeEqual(auth.clientSecret, app.clientSecret))
  ) {
    throw new InvalidClient("invalid client credentials")
  }

  // A built-in app such as PlatformCLI has no certificate: nothing can verify its assertions.
  if (alg !== "RS256" || crit !== undefined || !app.certificatePem)
    throw new InvalidGrant(INVALID_ASSERTION)
  try {
    await compactVerify(assertion, certificatePublicKey(app.certificatePem), {
      algorithms: ["RS256"],
    })
  } catch {
    throw new InvalidGrant(INVALID_ASSERTION)
  }

  const audiences = [claims.aud].flat().filter((a): a is string => typeof a === "string")
  // Salesforce wants its login server (login.salesforce.com) here; the org's stand-in for it is its
  // generic login host, and it also takes its My Domain URL, which clients without a login host send.
  const accepted = [ctx.baseUrl, ...(ctx.loginHost ? [loginHostUrl(ctx)] : [])]
  if (!audiences.some((a) => accepted.includes(a.replace(/\/+$/, ""))))
    throw new InvalidGrant("audience is invalid")

  const nowS = Math.floor(ctx.now() / 1000)
  const exp = numericClaim(claims.exp)
  if (exp === undefined || exp < nowS - ASSERTION_SKEW_S) throw new InvalidGrant(INVALID_ASSERTION)
  const settings = getSettings(ctx.db)
  // Off by default: the Salesforce CLI signs `exp` in milliseconds and real orgs accept it (§4.1).
  if (settings.strictAssertionExpiry && exp > nowS + MAX_LIFETIME_S + ASSERTION_SKEW_S)
    throw new InvalidGrant(INVALID_ASSERTION)
  const nbf = numericClaim(claims.nbf)
  if (nbf !== undefined && nbf > nowS + ASSERTION_SKEW_S) throw new InvalidGrant(INVALID_ASSERTION)
  const iat = numericClaim(claims.iat)
  if (iat !== undefined && iat > nowS + ASSERTION_SKEW_S && iat < 1e11)
    throw new InvalidGrant(INVALID_ASSERTION)

  // "If both are specified, prn is used." (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5)
  const username =
    typeof claims.prn === "string"
      ? claims.prn
      : typeof claims.sub === "string"
        ? claims.sub
        : undefined
  const { user, scopes } = priorApprovalFor(ctx, app, username, { req, grant: "jwt" })

  if (typeof claims.jti === "string") {
    // Remembered for as long as the assertion is accepted: exp is checked against the past only
    // (F-49), so an exp in milliseconds (the sf CLI's) keeps its jti for good (S-61).
    const until = (exp + ASSERTION_SKEW_S) * 1000
    if (!rememberJti(ctx.db, app.clientId, claims.jti, until, ctx.now()))
      throw new InvalidGrant(INVALID_ASSERTION)
  }

  countLogin(ctx, user.Id)
  return issueTokens(ctx, { app, user, scopes, refresh: false, signed: false, idToken: false })
}
