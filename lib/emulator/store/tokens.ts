import type { Db } from "../db/open"
import { hashSecret, randomSecret } from "../secrets"

/** "Each connected app allows five unique approvals per user" (https://help.salesforce.com/articleView?id=remoteaccess_request_manage.htm&type=5). */
export const MAX_GRANTS_PER_USER = 5

export interface TokenRecord {
  clientId: string
  userId: string
  scopes: string[]
  issuedAt: number
  expiresAt: number
  revoked: boolean
  refreshFamily?: string
}

export interface RefreshRecord {
  hash: string
  family: string
  clientId: string
  userId: string
  scopes: string[]
  revoked: boolean
  rotated: boolean
}

/** Salesforce token alphabet is [A-Za-z0-9._]; base64url's `-` becomes `.`. */
const opaque = (bytes: number) => randomSecret(bytes).replace(/-/g, ".")

export function mintAccessToken(
  db: Db,
  orgId15: string,
  t: { clientId: string; userId: string; scopes: readonly string[]; refreshFamily?: string; codeHash?: string },
  now: number,
  ttlMs: number,
  mark = "",
): { token: string; expiresAt: number } {
  const token = `${orgId15}!AQ${mark}${opaque(72)}`
  db.prepare(
    `INSERT INTO access_tokens (hash, client_id, user_id, scopes, issued_at, expires_at, refresh_family, code_hash)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(hashSecret(token), t.clientId, t.userId, t.scopes.join(" "), now, now + ttlMs, t.refreshFamily ?? null, t.codeHash ?? null)
  return { token, expiresAt: now + ttlMs }
}

/**
 * Issues a refresh token. A new family is a new approval: past five for one user and app, the
 * oldest family is revoked, as Salesforce does on the sixth approval.
 */
export function mintRefreshToken(
  db: Db,
  t: { clientId: string; userId: string; scopes: readonly string[]; family?: string },
  now: number,
  mark = "",
): { token: string; family: string } {
  const token = `5Aep861${mark}${opaque(60)}`
  const family = t.family ?? randomSecret(12)
  db.prepare(
    "INSERT INTO refresh_tokens (hash, family, client_id, user_id, scopes, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  ).run(hashSecret(token), family, t.clientId, t.userId, t.scopes.join(" "), now)
  if (!t.family) {
    const families = db
      .prepare(
        `SELECT family FROM refresh_tokens WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL
         GROUP BY family ORDER BY MIN(created_at) DESC, MIN(rowid) DESC`,
      )
      .all(t.userId, t.clientId) as { family: string }[]
    for (const old of families.slice(MAX_GRANTS_PER_USER)) revokeFamily(db, old.family, now)
  }
  return { token, family }
}

export function findAccessToken(db: Db, token: string): TokenRecord | undefined {
  const row = db.prepare("SELECT * FROM access_tokens WHERE hash = ?").get(hashSecret(token)) as
    | { client_id: string; user_id: string; scopes: string; issued_at: number; expires_at: number; revoked_at: number | null; refresh_family: string | null }
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

/** A token that can be used now: known, not revoked, not expired. */
export function activeAccessToken(db: Db, token: string, now: number): TokenRecord | undefined {
  const t = findAccessToken(db, token)
  return t && !t.revoked && t.expiresAt > now ? t : undefined
}

export function findRefreshToken(db: Db, token: string): RefreshRecord | undefined {
  const hash = hashSecret(token)
  const row = db.prepare("SELECT * FROM refresh_tokens WHERE hash = ?").get(hash) as
    | { family: string; client_id: string; user_id: string; scopes: string; revoked_at: number | null; rotated_at: number | null }
    | undefined
  if (!row) return undefined
  return {
    hash,
    family: row.family,
    clientId: row.client_id,
    userId: row.user_id,
    scopes: row.scopes.split(" ").filter(Boolean),
    revoked: row.revoked_at !== null,
    rotated: row.rotated_at !== null,
  }
}

/** Retires a refresh token on rotation; false when another request rotated it first. */
export function retireRefreshToken(db: Db, hash: string, now: number): boolean {
  return (
    db.prepare("UPDATE refresh_tokens SET rotated_at = ? WHERE hash = ? AND rotated_at IS NULL AND revoked_at IS NULL").run(now, hash)
      .changes === 1
  )
}

/** Revoking a refresh token revokes "any associated access tokens" (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-revoking-tokens.html). */
export function revokeFamily(db: Db, family: string, now: number): void {
  db.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL").run(now, family)
  db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE refresh_family = ? AND revoked_at IS NULL").run(now, family)
}

export function revokeAccessToken(db: Db, token: string, now: number): boolean {
  return db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE hash = ? AND revoked_at IS NULL").run(now, hashSecret(token)).changes === 1
}

/** A replayed code revokes what the first redemption issued (RFC 6749 §4.1.2, S-27). */
export function revokeIssuedFromCode(db: Db, codeHash: string, now: number): void {
  const rows = db.prepare("SELECT DISTINCT refresh_family FROM access_tokens WHERE code_hash = ?").all(codeHash) as {
    refresh_family: string | null
  }[]
  db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE code_hash = ? AND revoked_at IS NULL").run(now, codeHash)
  for (const r of rows) if (r.refresh_family) revokeFamily(db, r.refresh_family, now)
}

/** Revoking an approval ends every token the user holds for the app. */
export function revokeUserAppTokens(db: Db, userId: string, clientId: string, now: number): void {
  db.prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL").run(now, userId, clientId)
  db.prepare("UPDATE access_tokens SET revoked_at = ? WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL").run(now, userId, clientId)
}

export function countActiveRefreshFamilies(db: Db, userId: string, clientId: string): number {
  const row = db
    .prepare("SELECT COUNT(DISTINCT family) AS n FROM refresh_tokens WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL")
    .get(userId, clientId) as { n: number }
  return row.n
}

/**
 * Remembers a JWT `jti` until the assertion expires; false if it was seen already (S-61).
 * The primary key makes the check-and-insert atomic across processes.
 */
export function rememberJti(db: Db, clientId: string, jti: string, expiresAt: number, now: number): boolean {
  db.prepare("DELETE FROM used_jtis WHERE expires_at < ?").run(now)
  return db.prepare("INSERT OR IGNORE INTO used_jtis (client_id, jti, expires_at) VALUES (?, ?, ?)").run(clientId, jti, expiresAt).changes === 1
}

/** The org's API request counter, shown by `/limits`. */
export function countApiRequest(db: Db): number {
  db.prepare("INSERT INTO counters (name, value) VALUES ('api', 1) ON CONFLICT (name) DO UPDATE SET value = value + 1").run()
  return (db.prepare("SELECT value FROM counters WHERE name = 'api'").get() as { value: number }).value
}
