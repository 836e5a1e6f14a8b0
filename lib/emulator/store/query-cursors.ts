import crypto from "node:crypto"
import type { Db } from "../db/open"
import { to18 } from "../ids"

/**
 * Open query cursors (the locator behind `nextRecordsUrl`). Salesforce closes a cursor left
 * unused for 15 minutes and keeps at most 10 open per user, closing the oldest
 * (https://developer.salesforce.com/docs/atlas.en-us.salesforce_app_limits_cheatsheet.meta/salesforce_app_limits_cheatsheet/salesforce_app_limits_platform_api.htm;
 * docs/fidelity.md, F-105).
 */
export const CURSOR_IDLE_MS = 15 * 60 * 1000
export const MAX_CURSORS_PER_USER = 10

export interface QueryCursor {
  id: string
  userId: string
  query: string
  batchSize: number
}

/** Opens a cursor; its id has the shape of Salesforce's (`01g` + 15 characters, 18-character form). */
export function openCursor(db: Db, c: Omit<QueryCursor, "id">, now: number): string {
  const id = to18(`01g5g${crypto.randomBytes(8).toString("hex").slice(0, 10)}`)
  db.transaction(() => {
    db.prepare(
      "INSERT INTO query_cursors (id, user_id, query, batch_size, used_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
    ).run(id, c.userId, c.query, c.batchSize, now, now + CURSOR_IDLE_MS)
    db.prepare(
      `DELETE FROM query_cursors WHERE user_id = ? AND id NOT IN
         (SELECT id FROM query_cursors WHERE user_id = ? ORDER BY used_at DESC, rowid DESC LIMIT ?)`,
    ).run(c.userId, c.userId, MAX_CURSORS_PER_USER)
  }).immediate()
  return id
}

/** A live cursor of this user, its idle clock restarted; undefined when unknown or expired. */
export function resumeCursor(
  db: Db,
  id: string,
  userId: string,
  now: number,
): QueryCursor | undefined {
  const row = db
    .prepare("SELECT * FROM query_cursors WHERE id = ? AND user_id = ? AND expires_at > ?")
    .get(id, userId, now) as
    { id: string; user_id: string; query: string; batch_size: number } | undefined
  if (!row) return undefined
  db.prepare("UPDATE query_cursors SET used_at = ?, expires_at = ? WHERE id = ?").run(
    now,
    now + CURSOR_IDLE_MS,
    id,
  )
  return { id: row.id, userId: row.user_id, query: row.query, batchSize: row.batch_size }
}

export function closeCursor(db: Db, id: string): void {
  db.prepare("DELETE FROM query_cursors WHERE id = ?").run(id)
}
