import { compactVerify, decodeJwt, decodeProtectedHeader, type JWTPayload } from "jose"
import type { EmulatorContext } from "../context"
import { loginHostUrl } from "../hosts"
import { InvalidClient, InvalidClientId, InvalidRequest } from "../errors"
import { param } from "../http"
import { certificatePublicKey } from "../keys"
import { getApp, type ConnectedApp } from "../store/apps"
import { rememberJti } from "../store/used-jtis"
import { ASSERTION_SKEW_S } from "./grant-jwt-bearer"

/** RFC 7523 §2.2: the only `client_assertion_type` there is. */
export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

const INVALID_ASSERTION = "invalid assertion"

/** Whether the request authenticates its client with a JWT (`private_key_jwt`) instead of a secret. */
export const hasClientAssertion = (form: URLSearchParams) =>
  form.has("client_assertion") || form.has("client_assertion_type")

/**
 * The URLs an assertion may name as `aud`: the token endpoint the client posted to (RFC 7523 §3,
 * item 3), at My Domain or at the login host, or the bare host, which Salesforce's JWT Bearer flow
 * wants. Which of these Salesforce takes for a client assertion is not documented (docs/fidelity.md, F-161).
 */
function audiences(ctx: EmulatorContext): string[] {
  const hosts = [ctx.baseUrl, ...(ctx.loginHost ? [loginHostUrl(ctx)] : [])]
  return hosts.flatMap((h) => [h, `${h}/services/oauth2/token`])
}

const seconds = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : undefined)

/**
 * Client authentication with a signed JWT, "instead of passing a client_secret"
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_refresh_token_flow.htm&type=5;
 * RFC 7523 §2.2, §3): `iss` and `sub` are the consumer key, RS256 over the app's certificate only,
 * `aud` this org, `exp` not past, and a `jti` never seen before (a replay is refused). Every failure
 * is `invalid_client` (RFC 7523 §3.2); Salesforce's exact texts here are unverified
 * (docs/fidelity.md, F-160, F-161; docs/security.md, S-230 to S-233).
 */
export async function authenticateWithAssertion(
  ctx: EmulatorContext,
  form: URLSearchParams,
): Promise<ConnectedApp> {
  if (form.has("client_secret"))
    throw new InvalidRequest("client authentication must use only one method")
  if (param(form, "client_assertion_type") !== CLIENT_ASSERTION_TYPE)
    throw new InvalidClient("invalid client assertion type")
  const assertion = param(form, "client_assertion")
  if (!assertion || assertion.length > 8192) throw new InvalidClient(INVALID_ASSERTION)
  let claims: JWTPayload
  let header: { alg?: unknown; crit?: unknown }
  try {
    header = decodeProtectedHeader(assertion)
    claims = decodeJwt(assertion)
  } catch {
    throw new InvalidClient(INVALID_ASSERTION)
  }
  const clientId = param(form, "client_id")
  const app = typeof claims.iss === "string" ? getApp(ctx.db, claims.iss) : undefined
  if (!app) throw new InvalidClientId("client identifier invalid")
  if (claims.sub !== app.clientId || (clientId !== undefined && clientId !== app.clientId))
    throw new InvalidClient(INVALID_ASSERTION)
  // The app's certificate is the only key: header keys (`jwk`, `jku`, `x5c`, `kid`) are ignored.
  if (header.alg !== "RS256" || header.crit !== undefined)
    throw new InvalidClient(INVALID_ASSERTION)
  try {
    await compactVerify(assertion, certificatePublicKey(app.certificatePem), {
      algorithms: ["RS256"],
    })
  } catch {
    throw new InvalidClient(INVALID_ASSERTION)
  }
  const accepted = audiences(ctx)
  const aud = [claims.aud].flat().filter((a): a is string => typeof a === "string")
  if (!aud.some((a) => accepted.includes(a.replace(/\/+$/, ""))))
    throw new InvalidClient("audience is invalid")
  const nowS = Math.floor(ctx.now() / 1000)
  const exp = seconds(claims.exp)
  if (exp === undefined || exp < nowS - ASSERTION_SKEW_S) throw new InvalidClient(INVALID_ASSERTION)
  const nbf = seconds(claims.nbf)
  if (nbf !== undefined && nbf > nowS + ASSERTION_SKEW_S) throw new InvalidClient(INVALID_ASSERTION)
  // Without a jti a copied assertion could be replayed until it expires: required here (F-160).
  if (typeof claims.jti !== "string" || !claims.jti || claims.jti.length > 256)
    throw new InvalidClient(INVALID_ASSERTION)
  // Remembered until the assertion expires, however far away: RFC 7523 §3 keeps used jti values
  // "for the length of time for which the JWT would be considered valid" (S-230).
  const until = (exp + ASSERTION_SKEW_S) * 1000
  if (!rememberJti(ctx.db, app.clientId, `client_assertion:${claims.jti}`, until, ctx.now()))
    throw new InvalidClient(INVALID_ASSERTION)
  return app
}
