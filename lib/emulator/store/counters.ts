import type { Db } from "../db/open"

/** The org's API request counter, shown by `/limits`. */
export function countApiRequest(db: Db): number {
  db.prepare(
    "INSERT INTO counters (name, value) VALUES ('api', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1",
  ).run()
  return (db.prepare("SELECT value FROM counters WHERE name = 'api'").get() as { value: number })
    .value
}
