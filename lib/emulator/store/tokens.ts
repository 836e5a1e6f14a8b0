import type { Db } from "../db/open"
import { hashSecret, opaqueToken } from "../secrets"
import { revokeFamily } from "./refresh-tokens"
import { getSettings } from "./settings"

export interface TokenRecord {
  clientId: string
  userId: string
  scopes: string[]
  issuedAt: number
  expiresAt: number
  revoked: boolean
  refreshFamily?: string
}

export function mintAccessToken(
  db: Db,
  orgId15: string,
  t: {
    clientId: string
    userId: string
    scopes: readonly string[]
    refreshFamily?: string
    codeHash?: string
  },
  now: number,
  ttlMs: number,
  mark = "",
): { token: string; expiresAt: number } {
  const token = `${orgId15}!AQ${mark}${opaqueToken(72)}`
  db.prepare(
    `INSERT INTO access_tokens (hash, client_id, user_id, scopes, issued_at, expires_at, refresh_family, code_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashSecret(token),
    t.clientId,
    t.userId,
    t.scopes.join(" "),
    now,
    now + ttlMs,
    t.refreshFamily ?? null,
    t.codeHash ?? null,
  )
  return { token, expiresAt: now + ttlMs }
}

export function findAccessToken(db: Db, token: string): TokenRecord | undefined {
  const row = db.prepare("SELECT * FROM access_tokens WHERE hash = ?").get(hashSecret(token)) as
    | {
        client_id: string
        user_id: string
        scopes: string
        issued_at: number
        expires_at: number
        revoked_at: number | null
        refresh_family: string | null
      }
    | undefined
  if (!row) return undefined
  return {
    clientId: row.client_id,
    userId: row.user_id,
    scopes: row.scopes.split(" ").filter(Boolean),
    issuedAt: row.issued_at,
    expiresAt: row.expires_at,
    revoked: row.revoked_at !== null,
    refreshFamily: row.refresh_family ?? undefined,
  }
}

/**
 * A token that can be used now (known, not revoked, not expired), for an API call: REST, the
 * identity URL or userinfo. The timeout counts inactivity, so the call restarts it: the token now
 * expires one session timeout after this call, and introspection's `exp` follows
 * (https://developer.salesforce.com/docs/atlas.en-us.256.0.api.meta/api/sforce_api_concepts_errorhandling.htm;
 * docs/fidelity.md, F-06).
 */
export function activeAccessToken(db: Db, token: string, now: number): TokenRecord | undefined {
  const t = findAccessToken(db, token)
  if (!t || t.revoked || t.expiresAt <= now) return undefined
  const expiresAt = Math.max(t.expiresAt, now + getSettings(db).accessTokenMinutes * 60_000)
  if (expiresAt !== t.expiresAt)
    db.prepare("UPDATE access_tokens SET expires_at = ? WHERE hash = ?").run(
      expiresAt,
      hashSecret(token),
    )
  return { ...t, expiresAt }
}

export function revokeAccessToken(db: Db, token: string, now: number): boolean {
  return (
    db
      .prepare("UPDATE access_tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL")
      .run(now, hashSecret(token)).changes === 1
  )
}

/** A replayed code revokes what the first redemption issued (RFC 6749 §4.1.2, S-27). */
export function revokeIssuedFromCode(db: Db, codeHash: string, now: number): void {
  const rows = db
    .prepare("SELECT DISTINCT refresh_family FROM access_tokens WHERE code_hash = ?")
    .all(codeHash) as {
    refresh_family: string | null
  }[]
  db.prepare(
    "UPDATE access_tokens SET revoked_at = ? WHERE code_hash = ? AND revoked_at IS NULL",
  ).run(now, codeHash)
  for (const r of rows) if (r.refresh_family) revokeFamily(db, r.refresh_family, now)
}

/** Revoking an approval ends every token the user holds for the app. */
export function revokeUserAppTokens(db: Db, userId: string, clientId: string, now: number): void {
  db.prepare(
    "UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL",
  ).run(now, userId, clientId)
  db.prepare(
    "UPDATE access_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL",
  ).run(now, userId, clientId)
}
