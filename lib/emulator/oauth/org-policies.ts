import { clientIp } from "../client-ip"
import type { EmulatorContext } from "../context"
import { InvalidGrant, OAuthError } from "../errors"
import type { SeedUser } from "../seed/seed-user"
import { getAppPolicies } from "../store/app-policies"
import { getSettings } from "../store/settings"
import { getUserPolicy, ipAllowed } from "../store/user-policies"

/**
 * The org's access policies for a user and an app, shared by the authorize endpoint, the token
 * grants and the Device flow's verification page (docs/fidelity.md, F-170 to F-183).
 */

/**
 * The uninstalled-app block: the browser lands on Salesforce's own error page,
 * `/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client&error_description=app+must+be+installed+into+org`,
 * which shows OAUTH_APPROVAL_ERROR_GENERIC (third-party captures:
 * https://support.movedata.io/knowledgebase/technical/oauth-error-approve-uninstalled-connected-apps/,
 * https://docs.movedata.io/troubleshooting/connection-and-authentication/salesforce-connected-app-usage-restrictions/).
 */
export const APP_NOT_INSTALLED = {
  error: "invalid_client",
  description: "app must be installed into org",
}
/** API Access Control refusing an app off its allowlist (unverified: the wording is not published). */
export const APP_BLOCKED = {
  error: "OAUTH_APP_BLOCKED",
  description: "this app is blocked by admin",
}

export type PageRefusal = typeof APP_NOT_INSTALLED | typeof APP_BLOCKED

/**
 * Whether the user may authorize (approve) the app: installed, or the user holds the permission that
 * lifts the block. With API Access Control on only "Use Any API Client" does; off, "Approve
 * Uninstalled Connected Apps" suffices and "Use Any API Client" works too
 * (https://help.salesforce.com/s/articleView?id=005132365&type=1,
 * https://www.xappex.com/blog/oauth-approval-error-generic-salesforce/).
 */
export function approvalRefusal(
  ctx: EmulatorContext,
  clientId: string,
  user: SeedUser,
): PageRefusal | undefined {
  const app = getAppPolicies(ctx.db, clientId)
  const perms = getUserPolicy(ctx.db, user.Id)
  const aac = getSettings(ctx.db).apiAccessControl
  if (aac && !app.apiAccessAllowed && !perms.useAnyApiClient) return APP_BLOCKED
  if (!app.installed) {
    const lifted = perms.useAnyApiClient || (!aac && perms.approveUninstalledApps)
    if (!lifted) return APP_NOT_INSTALLED
  }
  return undefined
}

/** Where the authorize endpoint sends the browser for an approval refusal. */
export function remoteAccessErrorPath(ctx: EmulatorContext, r: PageRefusal): string {
  const q = new URLSearchParams({ error: r.error, error_description: r.description })
  return `${ctx.basePath}/setup/secur/RemoteAccessErrorPage.apexp?${q}`
}

/**
 * The app requires a high-assurance session and the user's session is a standard one (a password
 * login: the org has no multi-factor step). Salesforce's Session Policies offer "Block" or a raised
 * session level; the org models "Block", with an error whose wording is unverified (the code is the
 * server's own `invalid_session_level`,
 * https://github.com/forcedotcom/SalesforceMobileSDK-Android/blob/master/libs/SalesforceSDK/src/com/salesforce/androidsdk/auth/OAuthErrorCode.kt).
 */
export const highAssuranceRequired = (ctx: EmulatorContext, clientId: string) =>
  getAppPolicies(ctx.db, clientId).highAssurance
    ? new OAuthError("invalid_session_level", "high assurance session required")
    : undefined

/** The grants the IP and access checks distinguish. */
export type GrantKind =
  | "code"
  | "refresh"
  | "jwt"
  | "saml"
  | "password"
  | "client-credentials"
  | "device"
  | "token-exchange"

/**
 * Outside the user's Login IP Ranges: `invalid_grant` / `ip restricted` (third-party captures:
 * https://github.com/forceworkbench/forceworkbench/issues/772, https://github.com/sfdx-actions/setup-sfdx/issues/17).
 * The app's IP Relaxation lifts it: "Relax IP restrictions" always, "… but relax for refresh tokens"
 * for the refresh grant. Only grants that are a login are checked: the code and device grants
 * finish a browser login that was checked on the login page.
 */
export function ipRefusal(
  ctx: EmulatorContext,
  req: Request,
  clientId: string,
  user: SeedUser,
  grant: GrantKind,
): OAuthError | undefined {
  if (grant === "code" || grant === "device") return undefined
  const relax = getAppPolicies(ctx.db, clientId).ipRelaxation
  if (relax === "relax" || (relax === "enforce-relax-refresh" && grant === "refresh"))
    return undefined
  return ipAllowed(getUserPolicy(ctx.db, user.Id).loginIpRanges, clientIp(req))
    ? undefined
    : new InvalidGrant("ip restricted")
}

/**
 * Every grant's policy checks for the user it would issue a token to: frozen (answered like an
 * inactive user, `invalid_grant` / `inactive user`: unverified), API Access Control, then the
 * Login IP Ranges. Throws the first refusal.
 */
export function checkGrantPolicies(
  ctx: EmulatorContext,
  req: Request,
  clientId: string,
  user: SeedUser,
  grant: GrantKind,
): void {
  const perms = getUserPolicy(ctx.db, user.Id)
  if (perms.frozen) throw new InvalidGrant("inactive user")
  if (
    getSettings(ctx.db).apiAccessControl &&
    !getAppPolicies(ctx.db, clientId).apiAccessAllowed &&
    !perms.useAnyApiClient
  )
    throw new OAuthError(APP_BLOCKED.error, APP_BLOCKED.description)
  const ip = ipRefusal(ctx, req, clientId, user, grant)
  if (ip) throw ip
}
