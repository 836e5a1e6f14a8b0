import type { EmulatorContext } from "../context"
import { inactiveUser, InvalidAppAccess, InvalidGrant, InvalidRequest } from "../errors"
import type { SeedUser } from "../seed/seed-user"
import { isPreauthorized, type ConnectedApp } from "../store/apps"
import { getApproval } from "../store/approvals"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { findUserByUsername } from "../users"
import { grantsRefresh } from "./issue-tokens"
import { checkGrantPolicies, type GrantKind } from "./org-policies"

/**
 * The rule the JWT and SAML Bearer flows share: no login page, so the user must exist, be active,
 * and have authorized the app before, by an admin's pre-authorization or by an approval that
 * included `refresh_token` ("looks at all the previous approvals for the user that include a
 * refresh_token", https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5;
 * the SAML flow "issues an access_token based on prior approval of the app",
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5).
 * The org's policies for the user (frozen, API Access Control, Login IP Ranges: org-policies.ts)
 * apply first. Returns the user and the scopes the token carries. The caller counts the login
 * (countLogin) once its own checks pass: a refused request counts nothing (F-65).
 */
export function priorApprovalFor(
  ctx: EmulatorContext,
  app: ConnectedApp,
  username: string | undefined,
  policy: { req: Request; grant: GrantKind },
): { user: SeedUser; scopes: string[] } {
  const user = findUserByUsername(ctx.db, username)
  if (!user) throw new InvalidGrant("user hasn't approved this consumer")
  if (!user.IsActive) throw inactiveUser()
  checkGrantPolicies(ctx, policy.req, app.clientId, user, policy.grant)

  const settings = appOAuthPolicy(ctx.db, app.clientId)
  if (!settings.appScopes.includes("refresh_token")) {
    throw new InvalidRequest("refresh_token scope is required. Install and preauthorize the app.")
  }
  const preauthorized = isPreauthorized(ctx.db, app.clientId, user.Id)
  if (settings.appPolicy === "admin-approved" && !preauthorized)
    throw new InvalidAppAccess("user is not admin approved to access this app")
  const approval = getApproval(ctx.db, user.Id, app.clientId)
  const approved = approval && grantsRefresh(approval.scopes) ? approval : undefined
  if (!preauthorized && !approved) throw new InvalidGrant("user hasn't approved this consumer")
  return {
    user,
    scopes: preauthorized
      ? [...settings.appScopes]
      : approved!.scopes.filter((s) => settings.appScopes.includes(s)),
  }
}
