import {
  BEARER_METHOD,
  decodeAssertionParam,
  SamlAssertionInvalid,
  unverifiedIssuer,
  verifySamlAssertion,
  type SamlClaims,
} from "@/lib/salesforce/saml-xml"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { InvalidClient, InvalidClientId, InvalidGrant, InvalidRequest } from "../errors"
import { loginHostUrl } from "../hosts"
import { param, readClientAuth } from "../http"
import { safeEqual } from "../secrets"
import { getApp } from "../store/apps"
import { rememberJti } from "../store/used-jtis"
import { issueTokens } from "./issue-tokens"
import { priorApprovalFor } from "./prior-approval"
import { countLogin } from "./rate-limits"

/** Salesforce allows 3 minutes of clock skew on SAML assertions' times (docs/fidelity.md, F-213). */
export const SAML_SKEW_MS = 180_000

/** Salesforce's generic answer to a refused SAML assertion (docs/fidelity.md, F-211). */
const INVALID_ASSERTION = "invalid assertion"
/** What Salesforce answered to a SAML bearer assertion outside its times (docs/fidelity.md, F-213). */
const EXPIRED = "expired authorization code"

const TOKEN_PATH = "/services/oauth2/token"

/**
 * Where an assertion may be addressed: the login server (Salesforce's documented Audience, here the
 * generic login host) or My Domain, bare or as the token endpoint (the Recipient), at either host
 * (docs/fidelity.md, F-212).
 */
function acceptedUrls(ctx: EmulatorContext): { audiences: string[]; recipients: string[] } {
  const hosts = [ctx.baseUrl, ...(ctx.loginHost ? [loginHostUrl(ctx)] : [])]
  const recipients = hosts.map((h) => `${h}${TOKEN_PATH}`)
  return { audiences: [...hosts, ...recipients], recipients }
}

const bare = (u: string) => u.replace(/\/+$/, "")

/** The conditions of a verified assertion: bearer method, audience, recipient, times (RFC 7522 §3). */
function checkConditions(ctx: EmulatorContext, c: SamlClaims): void {
  if (c.method !== BEARER_METHOD) throw new InvalidGrant(INVALID_ASSERTION)
  const { audiences, recipients } = acceptedUrls(ctx)
  // RFC 7522 §3 requires an Audience naming the org; and every AudienceRestriction must be met on its
  // own, the Audiences within one being alternatives (SAML Core 2.0 §2.5.1.4).
  const restrictions = c.audienceRestrictions
  if (
    !restrictions.length ||
    !restrictions.every((r) => r.some((a) => audiences.includes(bare(a))))
  )
    throw new InvalidGrant(INVALID_ASSERTION)
  if (!c.recipient || !recipients.includes(bare(c.recipient)))
    throw new InvalidGrant(INVALID_ASSERTION)
  const now = ctx.now()
  // An expiry is required, on the Conditions or the SubjectConfirmationData (RFC 7522 §3, item 4).
  const ends = [c.notOnOrAfter, c.subjectNotOnOrAfter].filter((t): t is number => t !== undefined)
  if (!ends.length) throw new InvalidGrant(INVALID_ASSERTION)
  if (ends.some((t) => t <= now - SAML_SKEW_MS)) throw new InvalidGrant(EXPIRED)
  if (c.notBefore !== undefined && c.notBefore > now + SAML_SKEW_MS) throw new InvalidGrant(EXPIRED)
  if (c.issueInstant !== undefined && c.issueInstant > now + SAML_SKEW_MS)
    throw new InvalidGrant(EXPIRED)
}

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:saml2-bearer`: a signed SAML 2.0 assertion for a
 * previously authorized user
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5,
 * RFC 7522 §2.1). The signature is checked with the app's registered certificate alone, and every
 * value is read from the copy the signature covers (lib/salesforce/saml-xml.ts; docs/security.md,
 * S-270 to S-276). Prior approval is the JWT Bearer flow's rule (prior-approval.ts).
 */
export async function samlBearerGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  const assertion = param(form, "assertion")
  if (!assertion) throw new InvalidRequest("assertion must be provided")
  let xml: string
  let issuer: string | undefined
  try {
    xml = decodeAssertionParam(assertion)
    // The Issuer as written picks whose certificate to try; it is checked again once signed.
    issuer = unverifiedIssuer(xml)
  } catch {
    throw new InvalidGrant(INVALID_ASSERTION)
  }
  const app = issuer ? getApp(ctx.db, issuer) : undefined
  if (!app) throw new InvalidClientId("client identifier invalid")
  // Credentials are not needed, but when sent they must be right, and this app's (S-63, RFC 7522 §2.1).
  const auth = readClientAuth(req, form)
  if (
    auth.clientSecret !== undefined &&
    ((auth.clientId ?? app.clientId) !== app.clientId ||
      !safeEqual(auth.clientSecret, app.clientSecret))
  )
    throw new InvalidClient("invalid client credentials")
  // A built-in app such as PlatformCLI has no certificate: nothing can verify its assertions.
  if (!app.certificatePem) throw new InvalidGrant(INVALID_ASSERTION)

  let claims: SamlClaims
  try {
    claims = verifySamlAssertion(xml, app.certificatePem)
  } catch (e) {
    if (e instanceof SamlAssertionInvalid) throw new InvalidGrant(INVALID_ASSERTION)
    throw e
  }
  if (claims.issuer !== app.clientId) throw new InvalidGrant(INVALID_ASSERTION)
  checkConditions(ctx, claims)

  const { user, scopes } = priorApprovalFor(ctx, app, claims.nameId, { req, grant: "saml" })

  // Each assertion once (its ID), kept until it could no longer be accepted anyway (S-275).
  const until = Math.max(claims.notOnOrAfter ?? 0, claims.subjectNotOnOrAfter ?? 0) + SAML_SKEW_MS
  if (!rememberJti(ctx.db, app.clientId, `saml:${claims.id}`, until, ctx.now()))
    throw new InvalidGrant(INVALID_ASSERTION)

  countLogin(ctx, user.Id)
  return issueTokens(ctx, { app, user, scopes, refresh: false, signed: false, idToken: false })
}
