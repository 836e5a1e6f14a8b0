import crypto from "node:crypto"
import type { Db } from "../db/open"
import { hashSecret, opaqueToken } from "../secrets"

/**
 * How long a device code and its user code live. Salesforce's answer carries no `expires_in` and
 * its documentation names no lifetime: ten minutes is the org's choice (docs/fidelity.md, F-142).
 */
export const DEVICE_CODE_TTL_MS = 10 * 60 * 1000

/**
 * The `interval` the org asks clients to wait between polls, in seconds: RFC 8628 §3.2's default
 * (https://www.rfc-editor.org/rfc/rfc8628#section-3.2); Salesforce's own value is not documented
 * (docs/fidelity.md, F-143).
 */
export const DEVICE_INTERVAL_S = 5

/**
 * User codes: 8 characters, upper case, as in the codes Salesforce shows (`X0C7TSHE`,
 * https://github.com/forcedotcom/cli/issues/890). The alphabet leaves out vowels and the
 * look-alike 0/O, 1/I (RFC 8628 §6.1, https://www.rfc-editor.org/rfc/rfc8628#section-6.1):
 * 28^8 ≈ 3.8 × 10^11 codes, so guessing one live code needs far more attempts than the rate
 * limits allow (docs/security.md, S-220).
 */
const USER_CODE_ALPHABET = "BCDFGHJKLMNPQRSTVWXZ23456789"
export const USER_CODE_LENGTH = 8

export type DeviceStatus = "pending" | "approved" | "denied" | "redeemed"

export interface DeviceRequest {
  deviceHash: string
  clientId: string
  scopes: string[]
  intervalS: number
  createdAt: number
  expiresAt: number
  lastPollAt?: number
  status: DeviceStatus
  userId?: string
  authTime?: number
}

interface Row {
  device_hash: string
  client_id: string
  scopes: string
  interval_s: number
  created_at: number
  expires_at: number
  last_poll_at: number | null
  status: DeviceStatus
  user_id: string | null
  auth_time: number | null
}

const fromRow = (r: Row): DeviceRequest => ({
  deviceHash: r.device_hash,
  clientId: r.client_id,
  scopes: r.scopes.split(" ").filter(Boolean),
  intervalS: r.interval_s,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  lastPollAt: r.last_poll_at ?? undefined,
  status: r.status,
  userId: r.user_id ?? undefined,
  authTime: r.auth_time ?? undefined,
})

function newUserCode(): string {
  let code = ""
  for (let i = 0; i < USER_CODE_LENGTH; i++)
    code += USER_CODE_ALPHABET[crypto.randomInt(USER_CODE_ALPHABET.length)]
  return code
}

/** What a person types, as the org compares it: spaces and dashes dropped, upper case. */
export function normaliseUserCode(typed: string): string {
  return typed
    .replace(/[\s-]+/g, "")
    .toUpperCase()
    .slice(0, 64)
}

/**
 * At most this many device requests are kept (a code needs only the public consumer key): past it
 * the oldest go, as parked authorize requests do (auth-requests.ts; docs/fidelity.md, F-152).
 */
export const MAX_DEVICE_REQUESTS = 2000

/** A new device request: the device code for the client, the user code for the person. */
export function createDeviceRequest(
  db: Db,
  r: { clientId: string; scopes: readonly string[] },
  now: number,
): { deviceCode: string; userCode: string; intervalS: number; expiresAt: number } {
  const deviceCode = opaqueToken(32)
  const insert = db.prepare(
    `INSERT OR IGNORE INTO device_codes (device_hash, user_code_hash, client_id, scopes, interval_s, created_at, expires_at, status)
     VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')`,
  )
  // A user code already live (vanishingly rare) is drawn again: each must name one request.
  for (let attempt = 0; attempt < 5; attempt++) {
    const userCode = newUserCode()
    const { changes, lastInsertRowid } = insert.run(
      hashSecret(deviceCode),
      hashSecret(userCode),
      r.clientId,
      r.scopes.join(" "),
      DEVICE_INTERVAL_S,
      now,
      now + DEVICE_CODE_TTL_MS,
    )
    if (changes === 1) {
      // Rowids grow with each insert: a seek on the table's key deletes one row or none.
      db.prepare("DELETE FROM device_codes WHERE rowid <= ?").run(
        Number(lastInsertRowid) - MAX_DEVICE_REQUESTS,
      )
      return {
        deviceCode,
        userCode,
        intervalS: DEVICE_INTERVAL_S,
        expiresAt: now + DEVICE_CODE_TTL_MS,
      }
    }
  }
  throw new Error("could not draw a free user code")
}

/** The live, undecided request a typed user code names, if any. */
export function pendingByUserCode(
  db: Db,
  typed: string,
  now: number,
): (DeviceRequest & { userCodeHash: string }) | undefined {
  const code = normaliseUserCode(typed)
  if (code.length !== USER_CODE_LENGTH) return undefined
  const hash = hashSecret(code)
  const row = db
    .prepare(
      "SELECT * FROM device_codes WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?",
    )
    .get(hash, now) as Row | undefined
  return row ? { ...fromRow(row), userCodeHash: hash } : undefined
}

/**
 * Records the person's answer. Only a live pending request changes (one conditional UPDATE, so
 * two answers racing cannot both count).
 */
export function decideDeviceRequest(
  db: Db,
  userCodeHash: string,
  decision: { allow: true; userId: string; authTime: number } | { allow: false },
  now: number,
): boolean {
  const stmt = decision.allow
    ? db
        .prepare(
          "UPDATE device_codes SET status = 'approved', user_id = ?, auth_time = ? WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?",
        )
        .run(decision.userId, decision.authTime, userCodeHash, now)
    : db
        .prepare(
          "UPDATE device_codes SET status = 'denied' WHERE user_code_hash = ? AND status = 'pending' AND expires_at > ?",
        )
        .run(userCodeHash, now)
  return stmt.changes === 1
}

/**
 * A poll: the request as it was before this poll, after recording the poll's time (the next
 * poll's `slow_down` is measured from it).
 */
export function pollDeviceRequest(
  db: Db,
  deviceCode: string,
  now: number,
): DeviceRequest | undefined {
  const hash = hashSecret(deviceCode)
  return db
    .transaction(() => {
      const row = db.prepare("SELECT * FROM device_codes WHERE device_hash = ?").get(hash) as
        Row | undefined
      if (row)
        db.prepare("UPDATE device_codes SET last_poll_at = ? WHERE device_hash = ?").run(now, hash)
      return row ? fromRow(row) : undefined
    })
    .immediate()
}

/** Turns an approved request into tokens once: of racing polls, exactly one wins. */
export function redeemDeviceRequest(db: Db, deviceHash: string): boolean {
  return (
    db
      .prepare(
        "UPDATE device_codes SET status = 'redeemed' WHERE device_hash = ? AND status = 'approved'",
      )
      .run(deviceHash).changes === 1
  )
}
