import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { inactiveUser, InvalidGrant } from "../errors"
import { hostRole } from "../hosts"
import { getClientCredentialsSettings } from "../store/client-credentials"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { findUserById } from "../users"
import { authenticateClient } from "./client-auth"
import { issueTokens } from "./issue-tokens"
import { countLogin } from "./rate-limits"
import { checkGrantPolicies } from "./org-policies"

/**
 * Scopes a Client Credentials token never carries, though the app has them: there is no user
 * session and no refresh token in this flow (third-party capture:
 * https://github.com/simple-salesforce/simple-salesforce/pull/662; docs/fidelity.md, F-123).
 */
const NOT_GRANTED = new Set(["full", "web", "refresh_token", "offline_access"])

/**
 * `grant_type=client_credentials`
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm&type=5):
 * the app proves itself with its consumer key and secret (in the body or with HTTP Basic) and gets
 * an access token for its Run-As user, with no refresh token and no `id_token`. Salesforce serves it
 * only at the org's My Domain: at the generic login host (login.salesforce.com) the answer is
 * `invalid_grant` / `request not supported on this domain` (docs/fidelity.md, F-121;
 * docs/security.md, S-210), given before the secret is looked at.
 */
export async function clientCredentialsGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  if (hostRole(ctx, req) === "login") throw new InvalidGrant("request not supported on this domain")
  const app = authenticateClient(ctx, req, form, { secretRequired: true })
  const cc = getClientCredentialsSettings(ctx.db, app.clientId)
  // The same answer whether the flow is off or no Run-As user is chosen (docs/fidelity.md, F-122).
  const user = cc.enabled && cc.runAsUserId ? findUserById(ctx.db, cc.runAsUserId) : undefined
  if (!user) throw new InvalidGrant("no client credentials user enabled")
  if (!user.IsActive) throw inactiveUser()
  checkGrantPolicies(ctx, req, app.clientId, user, "client-credentials")
  const scopes = appOAuthPolicy(ctx.db, app.clientId).appScopes.filter((s) => !NOT_GRANTED.has(s))
  if (!scopes.length) throw new InvalidGrant("no valid scopes defined")
  countLogin(ctx, user.Id)
  return issueTokens(ctx, { app, user, scopes, refresh: false, signed: true, idToken: false })
}
