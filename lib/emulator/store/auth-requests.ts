import type { Db } from "../db/open"
import { randomSecret } from "../secrets"

/** An authorize request parked while the user logs in or decides on the consent page. */
export interface PendingAuthorization {
  clientId: string
  redirectUri: string
  responseType: "code" | "token" | "token id_token"
  scopes: string[]
  state?: string
  nonce?: string
  codeChallenge?: string
  loginHint?: string
  promptLogin: boolean
  /** With `prompt=login`: hash of the org session present at authorize time, which must not be reused. */
  staleSession?: string
  promptConsent: boolean
  immediate: boolean
  display?: string
}

/**
 * Same lifetime as an authorization code: a login page left open longer starts over. Salesforce
 * does not document how long its login page keeps an authorize request (unverified;
 * docs/fidelity.md, F-57). Expired rows are deleted by the periodic prune (prune.ts).
 */
export const PENDING_TTL_MS = 15 * 60 * 1000

/**
 * At most this many parked requests. Anyone can send authorize requests without logging in, and
 * each parks one, so within the 15 minutes a flood would grow the table without bound; past the cap
 * the oldest are dropped (their login pages start over). No public Salesforce figure (F-57).
 */
export const MAX_PENDING = 2000

export function savePending(
  db: Db,
  request: PendingAuthorization,
  now: number,
): { id: string; createdAt: number } {
  const id = randomSecret(18)
  const { lastInsertRowid } = db
    .prepare("INSERT INTO auth_requests (id, params, created_at, expires_at) VALUES (?, ?, ?, ?)")
    .run(id, JSON.stringify(request), now, now + PENDING_TTL_MS)
  // Rowids grow with each insert (max + 1), so every row older than the newest MAX_PENDING has a
  // rowid at or below this bound: a seek on the table's own key, usually deleting one row or none.
  db.prepare("DELETE FROM auth_requests WHERE rowid <= ?").run(
    Number(lastInsertRowid) - MAX_PENDING,
  )
  return { id, createdAt: now }
}

export function loadPending(
  db: Db,
  id: string | null,
  now: number,
): { request: PendingAuthorization; createdAt: number } | undefined {
  if (!id || id.length > 64) return undefined
  const row = db
    .prepare("SELECT params, created_at, expires_at FROM auth_requests WHERE id = ?")
    .get(id) as { params: string; created_at: number; expires_at: number } | undefined
  if (!row || row.expires_at <= now) return undefined
  return { request: JSON.parse(row.params) as PendingAuthorization, createdAt: row.created_at }
}

export function deletePending(db: Db, id: string): void {
  db.prepare("DELETE FROM auth_requests WHERE id = ?").run(id)
}
