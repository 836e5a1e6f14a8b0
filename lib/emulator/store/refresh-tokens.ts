import type { Db } from "../db/open"
import { hashSecret, opaqueToken, randomSecret } from "../secrets"

/** "Each connected app allows five unique approvals per user" (https://help.salesforce.com/articleView?id=remoteaccess_request_manage.htm&type=5). */
export const MAX_GRANTS_PER_USER = 5

export interface RefreshRecord {
  hash: string
  family: string
  clientId: string
  userId: string
  scopes: string[]
  revoked: boolean
  rotated: boolean
  /** When this token was issued (ms): introspection's `iat`. */
  createdAt: number
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
  const token = `5Aep861${mark}${opaqueToken(60)}`
  const family = t.family ?? randomSecret(12)
  // Every token of a family carries the approval's time: the tokens rotated before are pruned
  // after a while (prune.ts, F-59), and "expire after N" still counts from the approval (F-163).
  const startedAt = t.family ? (familyStartedAt(db, t.family) ?? now) : now
  db.prepare(
    "INSERT INTO refresh_tokens (hash, family, client_id, user_id, scopes, created_at, family_started_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
  ).run(hashSecret(token), family, t.clientId, t.userId, t.scopes.join(" "), now, startedAt)
  if (!t.family) {
    const families = db
      .prepare(
        `SELECT family FROM refresh_tokens WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL
         GROUP BY family ORDER BY MIN(family_started_at) DESC, MIN(rowid) DESC`,
      )
      .all(t.userId, t.clientId) as { family: string }[]
    for (const old of families.slice(MAX_GRANTS_PER_USER)) revokeFamily(db, old.family, now)
  }
  return { token, family }
}

function familyStartedAt(db: Db, family: string): number | undefined {
  const row = db
    .prepare("SELECT MIN(family_started_at) AS s FROM refresh_tokens WHERE family = ?")
    .get(family) as { s: number | null }
  return row.s ?? undefined
}

export function findRefreshToken(db: Db, token: string): RefreshRecord | undefined {
  const hash = hashSecret(token)
  const row = db.prepare("SELECT * FROM refresh_tokens WHERE hash = ?").get(hash) as
    | {
        family: string
        client_id: string
        user_id: string
        scopes: string
        created_at: number
        revoked_at: number | null
        rotated_at: number | null
      }
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
    createdAt: row.created_at,
  }
}

/** Retires a refresh token on rotation; false when another request rotated it first. */
export function retireRefreshToken(db: Db, hash: string, now: number): boolean {
  return (
    db
      .prepare(
        "UPDATE refresh_tokens SET rotated_at = ? WHERE hash = ? AND rotated_at IS NULL AND revoked_at IS NULL",
      )
      .run(now, hash).changes === 1
  )
}

/** Revoking a refresh token revokes "any associated access tokens" (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-revoking-tokens.html). */
export function revokeFamily(db: Db, family: string, now: number): void {
  db.prepare(
    "UPDATE refresh_tokens SET revoked_at = ? WHERE family = ? AND revoked_at IS NULL",
  ).run(now, family)
  db.prepare(
    "UPDATE access_tokens SET revoked_at = ? WHERE refresh_family = ? AND revoked_at IS NULL",
  ).run(now, family)
}

export function countActiveRefreshFamilies(db: Db, userId: string, clientId: string): number {
  const row = db
    .prepare(
      "SELECT COUNT(DISTINCT family) AS n FROM refresh_tokens WHERE user_id = ? AND client_id = ? AND revoked_at IS NULL",
    )
    .get(userId, clientId) as { n: number }
  return row.n
}

/**
 * When a family began (the approval, which each of its tokens records) and when it was last used
 * (its newest refresh or access token): what the Refresh Token Policy's "expire after" and
 * "expire if not used for" measure (grant-refresh-token.ts).
 */
export function familyTimes(db: Db, family: string): { startedAt: number; lastUsedAt: number } {
  const r = db
    .prepare(
      "SELECT MIN(family_started_at) AS s, MAX(created_at) AS l FROM refresh_tokens WHERE family = ?",
    )
    .get(family) as { s: number; l: number }
  const a = db
    .prepare("SELECT MAX(issued_at) AS l FROM access_tokens WHERE refresh_family = ?")
    .get(family) as { l: number | null }
  return { startedAt: r.s, lastUsedAt: Math.max(r.l, a.l ?? 0) }
}
