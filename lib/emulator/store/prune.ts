import type { Db } from "../db/open"

/** How often (by the org's clock) a process deletes dead rows. */
export const PRUNE_INTERVAL_MS = 60 * 1000

/**
 * How long an expired code or access token is kept before it is deleted. While kept, a replayed
 * code still revokes what it issued (RFC 6749 §4.1.2, docs/security.md, S-27) and an expired code
 * is still "expired authorization code" rather than "invalid"; an expired access token still
 * revokes and introspects as before. The org's choice (docs/fidelity.md, F-58).
 */
export const EXPIRED_KEEP_MS = 24 * 60 * 60 * 1000

/**
 * How long a refresh token replaced by rotation is kept while its family lives: presenting it
 * again within this window revokes the whole family (replay detection); after it, it is simply
 * unknown, which fails the same way without revoking. The org's choice (F-59).
 */
export const ROTATED_KEEP_MS = 30 * 24 * 60 * 60 * 1000

const lastPrune = new WeakMap<Db, number>()

/**
 * Deletes every row that can no longer do anything: expired authorize requests and browser
 * sessions, codes and access tokens a day past expiry, revoked refresh tokens (a revoked token and
 * an unknown one get the same answers everywhere), long-rotated refresh tokens, expired JWT
 * `jti`s, idle query cursors, expired frontdoor OTPs, and device codes a day past expiry (kept that long so a
 * late poll is told "expired"). Each DELETE is a range seek on an index (db/schema.ts), never a scan of live rows.
 */
export function pruneExpired(db: Db, now: number): void {
  const old = now - EXPIRED_KEEP_MS
  db.transaction(() => {
    db.prepare("DELETE FROM auth_requests WHERE expires_at <= ?").run(now)
    db.prepare("DELETE FROM sessions WHERE expires_at <= ?").run(now)
    db.prepare("DELETE FROM codes WHERE expires_at <= ?").run(old)
    db.prepare("DELETE FROM access_tokens WHERE expires_at <= ?").run(old)
    db.prepare("DELETE FROM refresh_tokens WHERE revoked_at <= ?").run(now)
    db.prepare("DELETE FROM refresh_tokens WHERE rotated_at <= ?").run(now - ROTATED_KEEP_MS)
    db.prepare("DELETE FROM used_jtis WHERE expires_at < ?").run(now)
    db.prepare("DELETE FROM query_cursors WHERE expires_at <= ?").run(now)
    db.prepare("DELETE FROM frontdoor_otps WHERE expires_at <= ?").run(now)
    db.prepare("DELETE FROM device_codes WHERE expires_at <= ?").run(old)
  }).immediate()
}

/**
 * Prunes at most once per PRUNE_INTERVAL_MS per open database (and at once after a start), so a
 * request pays for it one time in thousands. Called for every request the org handles.
 */
export function pruneIfDue(db: Db, now: number): void {
  const last = lastPrune.get(db)
  if (last !== undefined && now >= last && now - last < PRUNE_INTERVAL_MS) return
  lastPrune.set(db, now)
  pruneExpired(db, now)
}
