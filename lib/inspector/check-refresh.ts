import "server-only"
import type { JSONWebKeySet } from "jose"
import type { LabSession } from "@/lib/auth/session-types"
import { FlowError } from "@/lib/salesforce/errors"
import type { SalesforceClient } from "@/lib/salesforce/client"
import { isOrgUrl } from "@/lib/salesforce/login-host"
import { sameIdentity } from "@/lib/salesforce/token-set"
import { verifyResponseSignature } from "@/lib/salesforce/verify"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { OrgConnection } from "@/lib/org/connection"
import { keepAnswer, type FactSink } from "@/lib/transcript/facts"
import { originalClaims, verifyRefreshedIdToken } from "./refreshed-id-token"

/**
 * A refresh response may only continue this session: a `signature` the client secret verifies
 * (docs/security.md, C-47), the same user (`id`), an instance on the org's domains, and an
 * `id_token`, when there is one, from the same issuer about the same subject (OIDC Core §12.2;
 * docs/security.md, C-46). Throws otherwise; the caller revokes what the response issued
 * (`revokeIssued`) and keeps nothing.
 */
export async function checkRefreshResponse(
  r: SalesforceTokenResponse,
  session: LabSession,
  org: OrgConnection,
  client: SalesforceClient,
  facts: FactSink,
): Promise<void> {
  if (
    !r.signature ||
    !r.issued_at ||
    !verifyResponseSignature(r.id, r.issued_at, r.signature, org.clientSecret)
  )
    throw new FlowError("INVALID_SIGNATURE", "the refresh response's signature does not verify")
  if (!sameIdentity(r.id, session.tokens.identityUrl))
    throw new FlowError(
      "FOREIGN_TOKEN",
      "the refresh response names another user than this session's",
    )
  if (!isOrgUrl(r.instance_url, org.loginUrl))
    throw new FlowError(
      "UNTRUSTED_URL",
      `the refresh response's instance_url (${r.instance_url}) is not on the org's domain`,
    )
  if (r.id_token) {
    const jwks = await keepAnswer(client.jwks() as Promise<JSONWebKeySet>, (value) =>
      facts.fact({ kind: "jwks", value }),
    )
    await verifyRefreshedIdToken(r.id_token, {
      jwks,
      issuer: org.loginUrl,
      clientId: org.clientId,
      accessToken: r.access_token,
      nonce: session.idTokenNonce,
      original: originalClaims(session),
      identityUrl: session.tokens.identityUrl,
    })
  }
}

/**
 * Revokes what a token response issued that the session will not keep (docs/security.md, *Actors*:
 * tokens issued before a failed check are revoked, the refresh token first). A new refresh token
 * goes first: revoking it revokes the access tokens issued with it (RFC 7009 §2.1), while revoking
 * only the access token would leave it able to mint more. The access token is revoked by itself
 * when there is no new refresh token (no rotation) or the org would not revoke that one.
 * `presented` is the refresh token the request sent: echoed back, it is not a new one.
 */
export async function revokeIssued(
  client: SalesforceClient,
  r: SalesforceTokenResponse,
  presented: string,
): Promise<void> {
  if (r.refresh_token && r.refresh_token !== presented) {
    try {
      await client.revoke(r.refresh_token)
      return
    } catch {
      // Not revoked: the access token is still revoked by itself below.
    }
  }
  await client.revoke(r.access_token).catch(() => undefined)
}
