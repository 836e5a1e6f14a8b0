import type { Db } from "../db/open"

/**
 * Callback URLs and a certificate an External Client App import gave the site's app
 * (store/eca-apply.ts). Kept in the settings table, beside the registration the org makes at every
 * start, so "Reset the org" (store/reset.ts) brings back the site's own and a restart keeps the
 * import (docs/fidelity.md, F-206).
 */
export interface RegistrationOverride {
  callbackUrls?: string[]
  certificatePem?: string
}

const key = (clientId: string) => `app-registration:${clientId}`

export function registrationOverride(db: Db, clientId: string): RegistrationOverride {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(clientId)) as
    { value: string } | undefined
  return row ? (JSON.parse(row.value) as RegistrationOverride) : {}
}

export function saveRegistrationOverride(
  db: Db,
  clientId: string,
  change: RegistrationOverride,
): void {
  const next = { ...registrationOverride(db, clientId), ...change }
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(clientId), JSON.stringify(next))
}
