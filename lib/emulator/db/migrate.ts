import type Database from "better-sqlite3"

/**
 * Columns added since a data folder may have been created (`CREATE TABLE IF NOT EXISTS` leaves an
 * existing table as it is): added and filled when the org opens it. Checked inside an immediate
 * transaction, so two processes opening one folder at once (the two-instance setup) add it once.
 */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    const columns = db.prepare("PRAGMA table_info(refresh_tokens)").all() as { name: string }[]
    if (columns.some((c) => c.name === "family_started_at")) return
    // A family's approval time, on each of its tokens (store/refresh-tokens.ts): for the tokens
    // already there, the oldest one the family still has is the best estimate left.
    db.exec("ALTER TABLE refresh_tokens ADD COLUMN family_started_at INTEGER")
    db.exec(
      `UPDATE refresh_tokens SET family_started_at =
         (SELECT MIN(r.created_at) FROM refresh_tokens r WHERE r.family = refresh_tokens.family)`,
    )
  }).immediate()
}
