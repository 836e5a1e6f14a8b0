import type { Db } from "../db/open"
import { hashSecret, randomSecret } from "../secrets"

/**
 * One-time frontdoor URLs (`/secur/frontdoor.jsp?otp=…`) minted by `/services/oauth2/singleaccess`.
 * Stored as hashes, used once, short-lived: the org's choice of lifetime (docs/fidelity.md, F-103;
 * docs/security.md, S-201).
 */
export const OTP_TTL_MS = 5 * 60 * 1000

export function mintOtp(db: Db, userId: string, startUrl: string, now: number): string {
  const otp = randomSecret()
  db.prepare(
    "INSERT INTO frontdoor_otps (hash, user_id, start_url, expires_at) VALUES (?, ?, ?, ?)",
  ).run(hashSecret(otp), userId, startUrl, now + OTP_TTL_MS)
  return otp
}

/** Consumes an OTP: its user and start URL the first time, undefined ever after or once expired. */
export function redeemOtp(
  db: Db,
  otp: string,
  now: number,
): { userId: string; startUrl: string } | undefined {
  if (otp.length > 128) return undefined
  const row = db
    .prepare("DELETE FROM frontdoor_otps WHERE hash = ? RETURNING user_id, start_url, expires_at")
    .get(hashSecret(otp)) as { user_id: string; start_url: string; expires_at: number } | undefined
  if (!row || row.expires_at <= now) return undefined
  return { userId: row.user_id, startUrl: row.start_url }
}
