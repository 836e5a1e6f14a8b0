import { DEFAULT_SETTINGS } from "../store/settings"
import type { ScenarioPatch } from "./scenario-patch"

const ADMIN = "admin@example.com"
/** Login IP Ranges that leave out 127.0.0.1, the address the site's server calls the org from. */
const ELSEWHERE = [{ start: "10.0.0.0", end: "10.255.255.255" }]
const without = (...scopes: string[]) =>
  DEFAULT_SETTINGS.appScopes.filter((s) => !scopes.includes(s))

/**
 * The org side of /diagnose's *Reproduce it* scenarios (their words are in lib/diagnose/scenarios.ts,
 * under the same ids): what *Break it* and *Fix it* change. Every value is one the org's settings
 * page can set; each `fix` names exactly the fields its `break` names and puts back the org's
 * default (or, for flows a new org keeps off, the setting that makes the flow work).
 */
export const SCENARIO_PATCHES: Readonly<
  Record<string, { break: ScenarioPatch; fix: ScenarioPatch }>
> = {
  "jwt-not-preauthorized": {
    break: { preauthorized: [] },
    fix: { preauthorized: [ADMIN] },
  },
  "jwt-admin-approved-only": {
    break: { settings: { appPolicy: "admin-approved" }, preauthorized: [] },
    fix: { settings: { appPolicy: "self-authorize" }, preauthorized: [ADMIN] },
  },
  "web-server-admin-approved-only": {
    break: { settings: { appPolicy: "admin-approved" }, preauthorized: [] },
    fix: { settings: { appPolicy: "self-authorize" }, preauthorized: [ADMIN] },
  },
  "jwt-no-refresh-token-scope": {
    break: { settings: { appScopes: without("refresh_token", "offline_access") } },
    fix: { settings: { appScopes: DEFAULT_SETTINGS.appScopes } },
  },
  "web-server-scope-not-allowed": {
    break: { settings: { appScopes: without("openid") } },
    fix: { settings: { appScopes: DEFAULT_SETTINGS.appScopes } },
  },
  "user-agent-blocked": {
    break: { settings: { blockUserAgentFlow: true } },
    fix: { settings: { blockUserAgentFlow: false } },
  },
  "username-password-blocked": {
    break: { settings: { allowUsernamePasswordFlow: false } },
    fix: { settings: { allowUsernamePasswordFlow: true } },
  },
  "client-credentials-off": {
    break: { clientCredentials: { enabled: false, runAsUsername: undefined } },
    fix: { clientCredentials: { enabled: true, runAsUsername: ADMIN } },
  },
  "client-credentials-inactive-run-as": {
    break: { clientCredentials: { enabled: true, runAsUsername: "inactive@example.com" } },
    fix: { clientCredentials: { enabled: true, runAsUsername: ADMIN } },
  },
  "device-flow-disabled": {
    break: { deviceFlow: false },
    fix: { deviceFlow: true },
  },
  "public-client-secret-required": {
    break: { appSecrets: { requireSecretForWebServer: true } },
    fix: { appSecrets: { requireSecretForWebServer: false } },
  },
  "jwt-approval-revoked": {
    break: { approval: { username: "demo@example.com", scopes: null } },
    fix: { approval: { username: "demo@example.com", scopes: ["api", "refresh_token", "openid"] } },
  },
  // The 2025–26 org policies (store/org-patch.ts). The fixes put back a new org's defaults: the
  // site's app installed and allowlisted, admin@example.com with the System Administrator's
  // "Approve Uninstalled Connected Apps", no Freeze, no Login IP Ranges, standard sessions.
  "web-server-app-not-installed": {
    break: {
      policies: {
        app: { installed: false },
        users: { [ADMIN]: { approveUninstalledApps: false } },
      },
    },
    fix: {
      policies: { app: { installed: true }, users: { [ADMIN]: { approveUninstalledApps: true } } },
    },
  },
  "jwt-api-access-control": {
    break: { policies: { settings: { apiAccessControl: true }, app: { apiAccessAllowed: false } } },
    fix: { policies: { settings: { apiAccessControl: false }, app: { apiAccessAllowed: true } } },
  },
  "jwt-ip-restricted": {
    break: { policies: { users: { [ADMIN]: { loginIpRanges: ELSEWHERE } } } },
    fix: { policies: { users: { [ADMIN]: { loginIpRanges: [] } } } },
  },
  "jwt-frozen-user": {
    break: { policies: { users: { [ADMIN]: { frozen: true } } } },
    fix: { policies: { users: { [ADMIN]: { frozen: false } } } },
  },
  "web-server-high-assurance": {
    break: { policies: { app: { highAssurance: true } } },
    fix: { policies: { app: { highAssurance: false } } },
  },
  "jwt-api-disabled": {
    break: { policies: { users: { [ADMIN]: { apiEnabled: false } } } },
    fix: { policies: { users: { [ADMIN]: { apiEnabled: true } } } },
  },
}
