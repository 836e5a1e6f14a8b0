import type { Db } from "../db/open"
import { hashSecret, randomSecret } from "../secrets"

/**
 * The emulated Salesforce browser session (the `sid` cookie), 2 hours like a default org. The row
 * is deleted once expired (prune.ts, docs/fidelity.md, F-58).
 */
export const SESSION_TTL_MS = 2 * 60 * 60 * 1000

export interface OrgSession {
  userId: string
  authTime: number
}

export function createSession(db: Db, userId: string, now: number): string {
  const sid = randomSecret()
  db.prepare(
    "INSERT INTO sessions (id_hash, user_id, auth_time, expires_at) VALUES (?, ?, ?, ?)",
  ).run(hashSecret(sid), userId, now, now + SESSION_TTL_MS)
  return sid
}

export function getSession(db: Db, sid: string | undefined, now: number): OrgSession | undefined {
  if (!sid) return undefined
  const row = db
    .prepare("SELECT user_id, auth_time, expires_at FROM sessions WHERE id_hash = ?")
    .get(hashSecret(sid)) as { user_id: string; auth_time: number; expires_at: number } | undefined
  if (!row || row.expires_at <= now) return undefined
  return { userId: row.user_id, authTime: row.auth_time }
}

export function deleteSession(db: Db, sid: string | undefined): void {
  if (sid) db.prepare("DELETE FROM sessions WHERE id_hash = ?").run(hashSecret(sid))
}
