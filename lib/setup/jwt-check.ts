import "server-only"
import { clientFor, type OrgConnection } from "@/lib/org/connection"
import { entryFor } from "@/lib/explain/catalogue"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { planAssertion, signAssertion } from "@/lib/salesforce/jwt-assertion"
import type { SetupCheck } from "./setup-check"

/** 3. A real JWT Bearer token request for the first configured user: success, or the exact error and its fix. */
export async function runJwtBearerCheck(org: OrgConnection, clientId: string): Promise<SetupCheck> {
  const username = org.jwtUsernames[0]
  const name = `A JWT Bearer login for ${username ?? "the configured user"}`
  if (!username)
    return {
      name,
      status: "skip",
      detail: "no username configured",
      fix: "Set SALESFORCE_USERNAME to the integration user's Salesforce username.",
    }
  if (!org.privateKeyPem)
    return {
      name,
      status: "skip",
      detail: "no private key configured",
      fix: "Set SALESFORCE_PRIVATE_KEY_FILE (make a key and certificate on /setup/keys).",
    }
  try {
    const assertion = await signAssertion(
      planAssertion({ clientId, username, audience: org.audience }),
      org.privateKeyPem,
    )
    const token = await clientFor(org).jwtBearer(assertion)
    // Leave nothing behind: the token was only a test.
    await clientFor(org)
      .revoke(token.access_token)
      .catch(() => undefined)
    return {
      name,
      status: "pass",
      detail: `Salesforce issued an access token (scopes: ${token.scope || "none listed"}; it was revoked again)`,
    }
  } catch (e) {
    if (e instanceof SalesforceOAuthError) {
      const entry = entryFor({ error: e.error, errorDescription: e.errorDescription, username })
      return {
        name,
        status: "fail",
        detail: `${e.error}: ${e.errorDescription}`,
        fix: entry?.fixSummary ?? entry?.fix[0],
        entryId: entry?.id,
      }
    }
    const code = e instanceof FlowError ? e.code : "UNEXPECTED"
    const entry = entryFor({ code })
    return {
      name,
      status: "fail",
      detail: e instanceof Error ? e.message : "failed",
      fix: entry?.fixSummary ?? entry?.fix[0],
      entryId: entry?.id,
    }
  }
}
