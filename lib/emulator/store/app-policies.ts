import type { Db } from "../db/open"
import { isBuiltInApp } from "./built-in-apps"

/**
 * A connected app's policies beyond its OAuth settings, kept in the settings table under
 * `app-policies:<clientId>` so "Reset the org" (store/reset.ts) restores them:
 * - installed: whether an admin installed the app in the org (Connected Apps OAuth Usage → Install).
 *   Since September 2025 an uninstalled app can be authorized only by users with "Approve
 *   Uninstalled Connected Apps" (https://help.salesforce.com/s/articleView?id=005132365&type=1).
 * - apiAccessAllowed: the app is on the API Access Control allowlist
 *   (https://help.salesforce.com/s/articleView?id=sf.security_api_access_control_about.htm&type=5).
 * - highAssurance: Session Policies, "High Assurance session required", with "Block" as its action.
 * - ipRelaxation: "Enforce IP restrictions", "Enforce IP restrictions, but relax for refresh tokens"
 *   or "Relax IP restrictions" (https://help.salesforce.com/s/articleView?id=sf.connected_app_continuous_ip.htm&type=5).
 * (docs/fidelity.md, F-170 to F-183)
 */
export const IP_RELAXATIONS = ["enforce", "enforce-relax-refresh", "relax"] as const
export type IpRelaxation = (typeof IP_RELAXATIONS)[number]

export interface AppPolicies {
  installed: boolean
  apiAccessAllowed: boolean
  highAssurance: boolean
  ipRelaxation: IpRelaxation
}

/** The site's own app counts as installed, so every flow works from the start. */
export const DEFAULT_APP_POLICIES: AppPolicies = {
  installed: true,
  apiAccessAllowed: true,
  highAssurance: false,
  ipRelaxation: "enforce",
}

/**
 * The Salesforce CLI's app is uninstalled in every org (https://github.com/forcedotcom/cli/issues/3368),
 * so only users who may approve uninstalled apps can log in with it.
 */
const BUILT_IN_DEFAULTS: AppPolicies = { ...DEFAULT_APP_POLICIES, installed: false }

const key = (clientId: string) => `app-policies:${clientId}`

export function getAppPolicies(db: Db, clientId: string): AppPolicies {
  const defaults = isBuiltInApp(clientId) ? BUILT_IN_DEFAULTS : DEFAULT_APP_POLICIES
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(clientId)) as
    { value: string } | undefined
  if (!row) return { ...defaults }
  return { ...defaults, ...(JSON.parse(row.value) as Partial<AppPolicies>) }
}

/** Changes some of an app's policies and returns them all. */
export function saveAppPolicies(
  db: Db,
  clientId: string,
  change: Partial<AppPolicies>,
): AppPolicies {
  const next = { ...getAppPolicies(db, clientId), ...change }
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(clientId), JSON.stringify(next))
  return next
}
