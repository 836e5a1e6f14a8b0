import "server-only"
import type { JSONWebKeySet } from "jose"
import type { LabSession } from "@/lib/auth/session-types"
import { FlowError } from "@/lib/salesforce/errors"
import type { SalesforceClient } from "@/lib/salesforce/client"
import { isOrgUrl } from "@/lib/salesforce/login-host"
import { sameIdentity } from "@/lib/salesforce/token-set"
import { verifyIdToken } from "@/lib/salesforce/verify"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { OrgConnection } from "@/lib/org/connection"
import { keepAnswer, type FactSink } from "@/lib/transcript/facts"

/**
 * A refresh response may only continue this session: the same user (`id`), an instance on the org's
 * domains, and an `id_token`, when there is one, from the same issuer about the same subject (OIDC
 * Core §12.2; docs/security.md, C-46). Otherwise its new access token is revoked and nothing is kept.
 */
export async function checkRefreshResponse(
  r: SalesforceTokenResponse,
  session: LabSession,
  org: OrgConnection,
  client: SalesforceClient,
  facts: FactSink,
): Promise<void> {
  try {
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
      const payload = await verifyIdToken(r.id_token, {
        jwks,
        issuer: org.loginUrl,
        clientId: org.clientId,
        accessToken: r.access_token,
      })
      if (typeof payload.sub !== "string" || !sameIdentity(payload.sub, session.tokens.identityUrl))
        throw new FlowError(
          "ID_TOKEN_INVALID",
          "the refreshed id_token's sub is not this session's user",
        )
    }
  } catch (e) {
    await client.revoke(r.access_token).catch(() => undefined)
    throw e
  }
}
