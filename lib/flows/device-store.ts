import "server-only"
import { getConfig } from "@/lib/config/env"
import { openSiteDb } from "@/lib/sqlite/open-site-db"

/**
 * The longest a claimed poll keeps others from asking the org: the client's 10-second timeout and a
 * margin. A poll that never reports back (a killed instance) frees the flow after this.
 */
const LEASE_MS = 15_000
/** A row outlives its flow by this much, so a late poll is still told what became of it. */
const KEEP_MS = 60 * 60 * 1000
/** The longest back-off after failures (RFC 8628 §3.5 asks for a lower frequency, not a stop). */
export const MAX_BACKOFF_S = 60

/** waiting: polls may ask the org; signing-in: the tokens came, the sign-in is being finished. */
export type DeviceFlowStatus = "waiting" | "signing-in" | "done" | "failed"

/** One Device flow as the server keeps it: what the page shows and when the org may be asked. */
export interface DeviceFlowRow {
  userCode: string
  verificationUri: string
  /** The interval in seconds, grown by each slow_down for the rest of the flow (RFC 8628 §3.5). */
  intervalS: number
  expiresAt: number
  /** The org may be asked again from then (ms). */
  nextPollAt: number
  status: DeviceFlowStatus
  /** Failed polls in a row (timeouts, 5xx…), and what the last one was. */
  failures: number
  notice?: string
}

export interface DeviceFlows {
  create(
    id: string,
    f: Pick<DeviceFlowRow, "userCode" | "verificationUri" | "intervalS" | "expiresAt">,
    now: number,
  ): void
  get(id: string): DeviceFlowRow | undefined
  /** The right to ask the org now, or undefined when the interval or another poll in flight forbids it. */
  claim(id: string, now: number): { claim: number; nextPollAt: number } | undefined
  /** The org said authorization_pending: the next poll may come an interval after this one. */
  pending(id: string, claim: number): void
  /** The org said slow_down: 5 seconds more for this and every later poll (RFC 8628 §3.5). */
  slowDown(id: string, claim: number, claimedAt: number): DeviceFlowRow | undefined
  /** No usable answer (timeout, network, 5xx): wait twice as long as last time, up to MAX_BACKOFF_S. */
  backOff(id: string, claim: number, now: number, notice: string): DeviceFlowRow | undefined
  /** The tokens came: no poll may ask the org again. False when the flow had already ended. */
  signingIn(id: string): boolean
  /** Ends a flow still in progress; true for the one call that did (the one that answers the browser). */
  finish(id: string, to: "done" | "failed"): boolean
  close(): void
}

interface Row {
  user_code: string
  verification_uri: string
  interval_s: number
  expires_at: number
  next_poll_at: number
  status: DeviceFlowStatus
  failures: number
  notice: string | null
}

const toFlow = (r: Row | undefined): DeviceFlowRow | undefined =>
  r && {
    userCode: r.user_code,
    verificationUri: r.verification_uri,
    intervalS: r.interval_s,
    expiresAt: r.expires_at,
    nextPollAt: r.next_poll_at,
    status: r.status,
    failures: r.failures,
    notice: r.notice ?? undefined,
  }

const COLUMNS =
  "user_code, verification_uri, interval_s, expires_at, next_poll_at, status, failures, notice"

/**
 * The server's side of each Device flow (docs/security.md, C-130), in the site's SQLite file shared
 * by every instance: the browser's cookie keeps only the flow id and the device code (sealed), so
 * overlapping or replayed polls cannot each reach the org, and a slow_down holds for good. No row
 * holds the device code: the file never has a value that could finish a flow. Each step is one
 * conditional UPDATE, atomic in SQLite, so exactly one poll per interval wins the claim.
 */
export function openDeviceFlows(dir: string): DeviceFlows {
  // NORMAL: a power cut can lose the last poll's bookkeeping, costing at worst one early poll.
  const db = openSiteDb(dir, "NORMAL")
  db.exec(`CREATE TABLE IF NOT EXISTS device_flow (
    flow_id TEXT PRIMARY KEY, user_code TEXT NOT NULL, verification_uri TEXT NOT NULL,
    interval_s INTEGER NOT NULL, expires_at INTEGER NOT NULL,
    next_poll_at INTEGER NOT NULL DEFAULT 0, busy_until INTEGER NOT NULL DEFAULT 0,
    claim INTEGER NOT NULL DEFAULT 0, failures INTEGER NOT NULL DEFAULT 0, notice TEXT,
    status TEXT NOT NULL DEFAULT 'waiting');
    CREATE INDEX IF NOT EXISTS device_flow_by_expiry ON device_flow (expires_at);`)
  return {
    create(id, f, now) {
      db.prepare("DELETE FROM device_flow WHERE expires_at < ?").run(now - KEEP_MS)
      db.prepare(
        `INSERT INTO device_flow (flow_id, user_code, verification_uri, interval_s, expires_at)
         VALUES (?, ?, ?, ?, ?)`,
      ).run(id, f.userCode, f.verificationUri, f.intervalS, f.expiresAt)
    },
    get: (id) =>
      toFlow(db.prepare(`SELECT ${COLUMNS} FROM device_flow WHERE flow_id = ?`).get(id) as Row),
    claim: (id, now) =>
      db
        .prepare(
          `UPDATE device_flow SET claim = claim + 1, busy_until = @now + @lease,
             next_poll_at = @now + interval_s * 1000
           WHERE flow_id = @id AND status = 'waiting' AND next_poll_at <= @now AND busy_until <= @now
           RETURNING claim, next_poll_at AS nextPollAt`,
        )
        .get({ id, now, lease: LEASE_MS }) as { claim: number; nextPollAt: number } | undefined,
    pending(id, claim) {
      db.prepare(
        `UPDATE device_flow SET busy_until = 0, failures = 0, notice = NULL
         WHERE flow_id = ? AND claim = ? AND status = 'waiting'`,
      ).run(id, claim)
    },
    slowDown: (id, claim, claimedAt) =>
      toFlow(
        db
          .prepare(
            `UPDATE device_flow SET interval_s = interval_s + 5,
               next_poll_at = MAX(next_poll_at, @claimedAt + (interval_s + 5) * 1000),
               busy_until = CASE WHEN claim = @claim THEN 0 ELSE busy_until END,
               failures = 0, notice = NULL
             WHERE flow_id = @id AND status = 'waiting' RETURNING ${COLUMNS}`,
          )
          .get({ id, claim, claimedAt }) as Row,
      ),
    // In an UPDATE every expression reads the row as it was, so the wait is interval × 2^(failures + 1).
    backOff: (id, claim, now, notice) =>
      toFlow(
        db
          .prepare(
            `UPDATE device_flow SET failures = failures + 1, notice = @notice, busy_until = 0,
               next_poll_at = @now + 1000 * MIN(MAX(@max, interval_s), interval_s << MIN(failures + 1, 6))
             WHERE flow_id = @id AND claim = @claim AND status = 'waiting' RETURNING ${COLUMNS}`,
          )
          .get({ id, claim, now, notice, max: MAX_BACKOFF_S }) as Row,
      ),
    signingIn: (id) =>
      db
        .prepare(
          "UPDATE device_flow SET status = 'signing-in' WHERE flow_id = ? AND status = 'waiting'",
        )
        .run(id).changes === 1,
    finish: (id, to) =>
      db
        .prepare(
          `UPDATE device_flow SET status = ?, busy_until = 0
           WHERE flow_id = ? AND status IN ('waiting', 'signing-in')`,
        )
        .run(to, id).changes === 1,
    close: () => db.close(),
  }
}

let shared: { dir: string; store: DeviceFlows } | undefined

/** The store in the configured data folder (one connection per process and bundle). */
export function deviceFlows(): DeviceFlows {
  const dir = getConfig().dataDir
  if (shared?.dir !== dir) {
    shared?.store.close()
    shared = { dir, store: openDeviceFlows(dir) }
  }
  return shared.store
}
