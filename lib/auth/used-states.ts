import "server-only"
import crypto from "node:crypto"
import { getConfig } from "@/lib/config/env"
import { openSiteDb } from "@/lib/sqlite/open-site-db"

/**
 * A row outlives its flow cookie by this much, so an instance whose clock runs ahead cannot prune a
 * state that an instance running behind would still accept the cookie for.
 */
const CLOCK_MARGIN_MS = 5 * 60 * 1000

/** The `state`s of finished flows: what makes a copied flow cookie one-time (docs/security.md, C-78). */
export interface UsedStates {
  /**
   * Records `state` as used until `expiresAtMs` (when its flow cookie stops opening). True the
   * first time, false for every later call, from this instance or any other sharing the data folder.
   */
  consume(state: string, expiresAtMs: number, now?: number): boolean
  close(): void
}

/**
 * The site's own SQLite file (`site.sqlite`, shared with the transcripts), in its own connection:
 * every instance sharing the data folder sees the same rows, and a restart keeps them. Only a
 * SHA-256 of each state is stored: the file never holds a value that could finish a flow.
 */
export function openUsedStates(dir: string): UsedStates {
  // FULL, not the transcripts' NORMAL: a used state must survive a power cut, or its cookie works again.
  const db = openSiteDb(dir, "FULL")
  db.exec(`CREATE TABLE IF NOT EXISTS used_state (
    state_hash TEXT PRIMARY KEY, expires_at INTEGER NOT NULL) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS used_state_by_expiry ON used_state (expires_at);`)
  // IMMEDIATE takes the write lock first, so two instances racing on one state serialize; the
  // primary key then lets exactly one INSERT through. Pruning reads the expiry index only: nothing
  // to do costs one index probe.
  const consume = db.transaction((hash: string, expiresAt: number, now: number) => {
    db.prepare("DELETE FROM used_state WHERE expires_at < ?").run(now - CLOCK_MARGIN_MS)
    return (
      db
        .prepare("INSERT OR IGNORE INTO used_state (state_hash, expires_at) VALUES (?, ?)")
        .run(hash, expiresAt).changes === 1
    )
  })
  return {
    consume: (state, expiresAtMs, now = Date.now()) =>
      consume.immediate(
        crypto.createHash("sha256").update(state).digest("base64url"),
        expiresAtMs,
        now,
      ),
    close: () => db.close(),
  }
}

let shared: { dir: string; store: UsedStates } | undefined

/** `consume` on the store in the configured data folder (one connection per process and bundle). */
export function consumeState(state: string, expiresAtMs: number): boolean {
  const dir = getConfig().dataDir
  if (shared?.dir !== dir) {
    shared?.store.close()
    shared = { dir, store: openUsedStates(dir) }
  }
  return shared.store.consume(state, expiresAtMs)
}
