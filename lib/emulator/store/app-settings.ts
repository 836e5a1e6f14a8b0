import type { Db } from "../db/open"
import { isBuiltInApp } from "./built-in-apps"

/**
 * A connected app's OAuth settings that decide whether a client must authenticate with its secret.
 * Both are on by default, as on a new app; turning one off lets a public client (one that cannot
 * keep a secret) use the flow without `client_secret`.
 * - "Require Secret for Web Server Flow": https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5
 * - "Require Secret for Refresh Token Flow": https://developer.salesforce.com/docs/atlas.en-us.218.0.api_rest.meta/api_rest/intro_understanding_refresh_token_oauth.htm
 * (docs/fidelity.md, F-10, F-11)
 */
export interface AppSecretSettings {
  requireSecretForWebServer: boolean
  requireSecretForRefreshToken: boolean
}

export const DEFAULT_APP_SECRET_SETTINGS: AppSecretSettings = {
  requireSecretForWebServer: true,
  requireSecretForRefreshToken: true,
}

// Kept in the settings table, so "Reset the org" (store/reset.ts) restores the defaults too.
const key = (clientId: string) => `app-secrets:${clientId}`

export function getAppSecretSettings(db: Db, clientId: string): AppSecretSettings {
  // A built-in app (PlatformCLI) has no secret to require: PKCE alone (store/built-in-apps.ts).
  if (isBuiltInApp(clientId))
    return { requireSecretForWebServer: false, requireSecretForRefreshToken: false }
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(clientId)) as
    { value: string } | undefined
  if (!row) return { ...DEFAULT_APP_SECRET_SETTINGS }
  const saved = JSON.parse(row.value) as Partial<AppSecretSettings>
  return {
    requireSecretForWebServer: saved.requireSecretForWebServer !== false,
    requireSecretForRefreshToken: saved.requireSecretForRefreshToken !== false,
  }
}

/** Changes some of an app's settings and returns them all. */
export function saveAppSecretSettings(
  db: Db,
  clientId: string,
  change: Partial<AppSecretSettings>,
): AppSecretSettings {
  const next = { ...getAppSecretSettings(db, clientId), ...change }
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(clientId), JSON.stringify(next))
  return next
}
