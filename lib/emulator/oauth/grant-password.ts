import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { inactiveUser, InvalidAppAccess, InvalidGrant, InvalidRequest } from "../errors"
import { param } from "../http"
import { checkPassword } from "../interactive/lockout"
import { getAppSecretSettings } from "../store/app-settings"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { isPreauthorized } from "../store/apps"
import { getSettings } from "../store/settings"
import { findUserByUsername } from "../users"
import { authenticateClient } from "./client-auth"
import { issueTokens } from "./issue-tokens"
import { countLogin } from "./rate-limits"
import { checkGrantPolicies } from "./org-policies"

/** Salesforce's one answer for a blocked flow, an unknown user and a wrong password alike. */
const AUTHENTICATION_FAILURE = "authentication failure"

/**
 * `grant_type=password`, the legacy username-password flow
 * (https://developer.salesforce.com/docs/atlas.en-us.222.0.api_placeorder.meta/api_placeorder/intro_understanding_username_password_oauth_flow.htm).
 * Orgs created since Summer '23 block it until an admin turns on "Allow OAuth Username-Password
 * Flows" (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_disable_username_password_flow_ca.htm):
 * while it is off the answer is `invalid_grant` / `authentication failure` (docs/fidelity.md,
 * F-125). A wrong password counts toward the user's lockout as on the login page (docs/security.md,
 * S-212), and the password is compared and dropped: never stored or logged.
 */
export async function passwordGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  // "client_secret: Required unless the Require Secret for Web Server Flow setting is not enabled" (above).
  const app = authenticateClient(ctx, req, form, {
    secretRequired: (a) => getAppSecretSettings(ctx.db, a.clientId).requireSecretForWebServer,
  })
  const username = param(form, "username")
  const password = param(form, "password")
  if (!username || !password) throw new InvalidRequest("username and password must be provided")
  const settings = getSettings(ctx.db)
  if (!settings.allowUsernamePasswordFlow) throw new InvalidGrant(AUTHENTICATION_FAILURE)
  const policy = appOAuthPolicy(ctx.db, app.clientId)
  const user = findUserByUsername(ctx.db, username)
  // No security token is appended here: the org treats every caller as inside a trusted IP range (F-126).
  if (!user || checkPassword(ctx, user, password) !== "ok")
    throw new InvalidGrant(AUTHENTICATION_FAILURE)
  if (!user.IsActive) throw inactiveUser()
  checkGrantPolicies(ctx, req, app.clientId, user, "password")
  if (policy.appPolicy === "admin-approved" && !isPreauthorized(ctx.db, app.clientId, user.Id))
    throw new InvalidAppAccess("user is not admin approved to access this app")
  countLogin(ctx, user.Id)
  // "No refresh token is issued" (the page above); the response is signed like the web server flow's.
  const scopes = policy.appScopes.filter((s) => s !== "refresh_token" && s !== "offline_access")
  return issueTokens(ctx, { app, user, scopes, refresh: false, signed: true, idToken: false })
}
