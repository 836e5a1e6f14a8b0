import "server-only"
import fs from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import { cacheStatements } from "@/lib/sqlite/statement-cache"
import { migrate } from "./migrate"
import { SCHEMA, SCHEMA_VERSION } from "./schema"

export type Db = Database.Database

/**
 * Opens (creating if needed) the org database in `dataDir`.
 *
 * WAL mode means a process killed mid-write leaves the last committed transaction intact, and several
 * server processes can share one file (the two-instance setup); `busy_timeout` makes a writer wait
 * for another process's lock instead of failing. `synchronous = NORMAL` is WAL's usual pairing: a
 * commit reaches the WAL file (so it survives the process being killed) without a disk flush each
 * time; only an OS crash or power cut can roll back the last commits, which an emulated org on a
 * developer's machine can afford. FULL flushed on every commit, several times per sign-in, and the
 * flushes (which block the event loop: better-sqlite3 is synchronous) capped logins per second.
 */
export function openDatabase(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 })
  const db = cacheStatements(new Database(path.join(dataDir, "org.sqlite")))
  db.pragma("busy_timeout = 5000")
  db.pragma("journal_mode = WAL")
  db.pragma("synchronous = NORMAL")
  db.pragma("foreign_keys = ON")
  db.exec(SCHEMA)
  migrate(db)
  db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema_version', ?)").run(
    String(SCHEMA_VERSION),
  )
  return db
}
