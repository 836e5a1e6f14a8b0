import type { Db } from "../db/open"
import { seedPreauthorizations } from "./apps"
import { isBuiltInApp } from "./built-in-apps"
import { forgetCreatedUsers } from "./jit-users"
import { reseedRecords } from "./records"

/**
 * Puts the org back as first started: default settings, seeded pre-authorizations, and no
 * approvals, codes or tokens (every issued token stops working), and the seeded records only. Browser sessions survive so the
 * administrator who pressed the button stays logged in.
 */
export function resetOrg(db: Db, now = Date.now()): void {
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
      "query_cursors",
      "frontdoor_otps",
      "device_codes",
    ]) {
      db.prepare(`DELETE FROM ${table}`).run()
    }
    for (const { client_id } of db.prepare("SELECT client_id FROM connected_apps").all() as {
      client_id: string
    }[]) {
      if (!isBuiltInApp(client_id)) seedPreauthorizations(db, client_id)
    }
    reseedRecords(db, now)
    // In the same transaction: another process sharing the folder sees the rows and the created
    // users' new generation together (store/jit-users.ts).
    forgetCreatedUsers(db)
  }).immediate()
}
