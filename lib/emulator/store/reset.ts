import type { Db } from "../db/open"
import { seedPreauthorizations } from "./apps"

/**
 * Puts the org back as first started: default settings, seeded pre-authorizations, and no
 * approvals, codes or tokens (every issued token stops working). Browser sessions survive so the
 * administrator who pressed the button stays logged in.
 */
export function resetOrg(db: Db): void {
  db.transaction(() => {
    for (const table of [
      "settings",
      "approvals",
      "codes",
      "refresh_tokens",
      "access_tokens",
      "used_jtis",
      "auth_requests",
      "counters",
      "login_failures",
      "rate_buckets",
      "device_codes",
    ]) {
      db.prepare(`DELETE FROM ${table}`).run()
    }
    for (const { client_id } of db.prepare("SELECT client_id FROM connected_apps").all() as {
      client_id: string
    }[]) {
      seedPreauthorizations(db, client_id)
    }
  }).immediate()
}
