import type { Db } from "../db/open"

/**
 * The connected app's Client Credentials settings: "Enable Client Credentials Flow" (on the app's
 * OAuth settings, off on a new app) and the "Run As" user the tokens are issued for (on the app's
 * policies). https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm&type=5
 * (docs/fidelity.md, F-120, F-122)
 */
export interface ClientCredentialsSettings {
  enabled: boolean
  /** The Run-As user's 18-character id, or undefined when none is chosen. */
  runAsUserId?: string
}

// Kept in the settings table, so "Reset the org" (store/reset.ts) restores the defaults too.
const key = (clientId: string) => `client-credentials:${clientId}`

export function getClientCredentialsSettings(db: Db, clientId: string): ClientCredentialsSettings {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(clientId)) as
    { value: string } | undefined
  if (!row) return { enabled: false }
  const saved = JSON.parse(row.value) as Partial<ClientCredentialsSettings>
  return {
    enabled: saved.enabled === true,
    runAsUserId: typeof saved.runAsUserId === "string" ? saved.runAsUserId : undefined,
  }
}

export function saveClientCredentialsSettings(
  db: Db,
  clientId: string,
  settings: ClientCredentialsSettings,
): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(clientId), JSON.stringify(settings))
}

/**
 * Why a user cannot be the Run-As user, or undefined when it can. Salesforce asks for an active
 * user with API access ("API Enabled"; an "API Only" integration user is recommended): every user
 * of this org has API access, so being active is the condition that can fail here (docs/fidelity.md,
 * F-122).
 */
export function runAsRefusal(user: { IsActive: boolean } | undefined): string | undefined {
  if (!user) return "Choose a user of this org."
  if (!user.IsActive) return "The Run-As user must be an active user."
  return undefined
}
