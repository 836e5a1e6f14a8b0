import fs from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import { cacheStatements } from "./statement-cache"

/**
 * A connection to the site's own SQLite file (`<dataDir>/site.sqlite`), shared by every instance
 * using the data folder: WAL, a 5-second wait for another writer, statements compiled once.
 * `synchronous` is per connection, so each store says what its rows can afford to lose
 * (https://www.sqlite.org/pragma.html#pragma_synchronous).
 */
export function openSiteDb(dir: string, synchronous: "NORMAL" | "FULL"): Database.Database {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  const db = cacheStatements(new Database(path.join(dir, "site.sqlite")))
  db.pragma("busy_timeout = 5000")
  db.pragma("journal_mode = WAL")
  db.pragma(`synchronous = ${synchronous}`)
  return db
}
