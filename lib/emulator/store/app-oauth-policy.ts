import type { Db } from "../db/open"
import { isBuiltInApp } from "./built-in-apps"
import { getSettings, type OrgSettings } from "./settings"

/**
 * The OAuth policies Salesforce keeps per connected app: Permitted Users, Selected OAuth Scopes, the
 * Refresh Token Policy and refresh-token rotation ("Manage OAuth Access Policies for a Connected App",
 * https://help.salesforce.com/s/articleView?id=sf.connected_app_manage_oauth.htm&type=5).
 */
export type AppOAuthPolicy = Readonly<
  Pick<
    OrgSettings,
    "appPolicy" | "refreshTokenPolicy" | "refreshTokenPolicyMinutes" | "refreshTokenRotation"
  >
> & { readonly appScopes: readonly string[] }

/**
 * The Salesforce CLI app's own policies (docs/fidelity.md, F-100): anyone may allow it on the
 * consent page, its scopes cover what `sf org login web` asks for (`refresh_token api web`) and
 * `openid`, and its refresh tokens last until revoked and are not rotated. None of the org's settings can change them:
 * the settings page, the lab's scenarios and ECA import edit the site's app.
 */
export const PLATFORM_CLI_POLICY: AppOAuthPolicy = Object.freeze({
  appPolicy: "self-authorize",
  appScopes: Object.freeze(["api", "web", "refresh_token", "offline_access", "openid"]),
  refreshTokenPolicy: "until-revoked",
  refreshTokenPolicyMinutes: 60,
  refreshTokenRotation: false,
})

/**
 * The policies that govern a grant for `clientId`. The org keeps one set, edited as the site's
 * app's (store/settings.ts), and it applies to every registered app as before; a built-in app has
 * its fixed set, as for the Require Secret settings (store/app-settings.ts).
 */
export function appOAuthPolicy(db: Db, clientId: string): AppOAuthPolicy {
  if (isBuiltInApp(clientId)) return PLATFORM_CLI_POLICY
  const {
    appPolicy,
    appScopes,
    refreshTokenPolicy,
    refreshTokenPolicyMinutes,
    refreshTokenRotation,
  } = getSettings(db)
  return {
    appPolicy,
    appScopes,
    refreshTokenPolicy,
    refreshTokenPolicyMinutes,
    refreshTokenRotation,
  }
}
