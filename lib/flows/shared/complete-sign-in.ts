import "server-only"
import type { JSONWebKeySet } from "jose"
import type { CheckResult, FlowName, LabSession } from "@/lib/auth/session-types"
import type { SalesforceClient } from "@/lib/salesforce/client"
import { FlowError } from "@/lib/salesforce/errors"
import { expiryOf } from "@/lib/salesforce/introspection"
import { isOrgUrl } from "@/lib/salesforce/login-host"
import { sameIdentity, toTokenSet } from "@/lib/salesforce/token-set"
import { verifyIdToken, verifyResponseSignature } from "@/lib/salesforce/verify"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { OrgConnection } from "@/lib/org/connection"
import { keepAnswer, type FactSink } from "@/lib/transcript/facts"

export interface SignInChecks {
  /** The nonce the site sent, when it sent one. */
  nonce?: string
  /** Web Server and User-Agent responses must carry a valid `signature`; JWT Bearer has none. */
  requireSignature: boolean
  /**
   * The token came through the browser (User-Agent fragment): before anything else uses it, the org
   * must confirm it is active, issued to this app, for the response's user (C-23, C-24).
   */
  proveToken?: boolean
  /** Called once `proveToken` showed the token this app's: a later failed check must revoke it. */
  onProven?: () => void
  assertion?: string
  /** The SAML Bearer assertion's XML, kept for the inspector. */
  samlAssertion?: string
  transcriptId: string
  /** Where the JWKS, identity and userinfo answers go for the inspector (the flow's transcript recorder). */
  facts?: FactSink
}

/**
 * What every flow does once Salesforce has answered with tokens, in the order a reviewer expects:
 * the URLs in the response stay on the org's domains, the `signature` verifies (before any call
 * carries the token), the token is proven by introspection when it came through the browser, the
 * `id_token` verifies, and only then is the identity URL fetched to learn who signed in.
 */
export async function completeSignIn(
  flow: FlowName,
  org: OrgConnection,
  client: SalesforceClient,
  response: SalesforceTokenResponse,
  checks: SignInChecks,
): Promise<LabSession> {
  const tokens = toTokenSet(response)
  for (const [field, url] of [
    ["id", response.id],
    ["instance_url", response.instance_url],
  ] as const) {
    if (!isOrgUrl(url, org.loginUrl))
      throw new FlowError(
        "UNTRUSTED_URL",
        `the token response's ${field} (${url}) is not on the org's domain`,
      )
  }
  if (!tokens.orgId || !tokens.userId)
    throw new FlowError(
      "UNEXPECTED_RESPONSE",
      `the token response's id (${response.id}) is not an identity URL`,
    )

  if (response.signature && response.issued_at) {
    if (
      !verifyResponseSignature(
        response.id,
        response.issued_at,
        response.signature,
        org.clientSecret,
      )
    ) {
      throw new FlowError(
        "INVALID_SIGNATURE",
        "the token response's signature does not match HMAC-SHA256(client secret, id + issued_at)",
      )
    }
  } else if (checks.requireSignature) {
    throw new FlowError(
      "INVALID_SIGNATURE",
      "the token response has no signature (or no issued_at) to verify",
    )
  }

  let introspection: CheckResult | undefined
  let expiry: LabSession["expiry"]
  if (checks.proveToken) {
    const info = await client.introspect(response.access_token)
    if (!info.active)
      throw new FlowError("FOREIGN_TOKEN", "the org says this access token is not active")
    if (info.client_id !== org.clientId)
      throw new FlowError(
        "FOREIGN_TOKEN",
        "the access token was issued to another app, not this one",
      )
    if (info.sub !== response.id)
      throw new FlowError(
        "FOREIGN_TOKEN",
        "the access token belongs to another user than the response's identity URL",
      )
    introspection = {
      status: "pass",
      detail: "active, issued to this app, for the response's user",
    }
    checks.onProven?.()
    // The fragment's `scope` is not covered by the signature: what the token may do is what the org
    // says it granted (docs/security.md, C-76).
    if (typeof info.scope === "string") tokens.scopes = info.scope.split(" ").filter(Boolean)
    expiry = expiryOf(info, "exp from token introspection at sign-in")
  }

  if (response.id_token) {
    const payload = await verifyIdToken(response.id_token, {
      jwks: await keepAnswer(client.jwks() as Promise<JSONWebKeySet>, (value) =>
        checks.facts?.fact({ kind: "jwks", value }),
      ),
      issuer: org.loginUrl,
      clientId: org.clientId,
      nonce: checks.nonce,
      accessToken: response.access_token,
      // A browser-delivered token is bound to this login only by at_hash (OIDC Core §3.2.2.10; C-28).
      requireAtHash: checks.proveToken,
    })
    if (payload.sub !== response.id)
      throw new FlowError(
        "ID_TOKEN_INVALID",
        "the id_token's sub is not the identity URL of the token response",
      )
  } else if (checks.nonce) {
    throw new FlowError("ID_TOKEN_INVALID", "openid was requested but the response has no id_token")
  }

  const identity = await keepAnswer(client.identity(response.id, response.access_token), (value) =>
    checks.facts?.fact({ kind: "identity", value }),
  )
  // The signature covers id, not instance_url: bind instance_url to the org's own answer about
  // where its REST API lives, so a tampered instance_url on another tenant's domain is refused.
  const rest = (identity.urls as Record<string, unknown> | undefined)?.rest
  if (
    typeof rest === "string" &&
    URL.canParse(rest) &&
    new URL(rest).origin !== new URL(response.instance_url).origin
  ) {
    throw new FlowError(
      "UNTRUSTED_URL",
      `the token response's instance_url (${response.instance_url}) is not where the org's identity service says its API is (${new URL(rest).origin})`,
    )
  }
  // userinfo and introspection feed the inspector; a failure of either is shown there, not fatal. But
  // an answer about another user is: the identity comes from the token, never only from `id`
  // (OIDC Core §5.3.2: a userinfo sub that differs MUST NOT be used; docs/security.md, C-25, C-43).
  if (tokens.scopes.some((s) => s === "openid" || s === "profile" || s === "id")) {
    const info = await keepAnswer(client.userinfo(response.access_token), (value) =>
      checks.facts?.fact({ kind: "userinfo", value }),
    ).catch(() => undefined)
    if (typeof info?.sub === "string" && !sameIdentity(info.sub, response.id))
      throw new FlowError(
        "FOREIGN_TOKEN",
        "userinfo, asked with the access token, names another user than the response's identity URL",
      )
  }
  if (!introspection) {
    const info = await client.introspect(response.access_token).catch(() => undefined)
    if (info?.active && typeof info.sub === "string" && !sameIdentity(info.sub, response.id))
      throw new FlowError(
        "FOREIGN_TOKEN",
        "the org says the access token belongs to another user than the response's identity URL",
      )
    if (info?.active) {
      expiry = expiryOf(info, "exp from token introspection at sign-in")
      introspection = {
        status: "pass",
        detail: `active, issued to ${info.client_id === org.clientId ? "this app" : info.client_id}`,
      }
    }
  }
  const str = (k: string) => (typeof identity[k] === "string" ? (identity[k] as string) : undefined)
  return {
    flow,
    loginUrl: org.loginUrl,
    signedInAt: Date.now(),
    user: {
      userId: tokens.userId,
      orgId: tokens.orgId,
      username: str("username") ?? "",
      displayName: str("display_name") ?? str("username") ?? tokens.userId,
      email: str("email"),
    },
    tokens,
    assertion: checks.assertion,
    samlAssertion: checks.samlAssertion,
    introspection,
    transcriptId: checks.transcriptId,
    idTokenNonce: response.id_token ? checks.nonce : undefined,
    expiry,
  }
}
