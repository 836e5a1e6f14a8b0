import type { Db } from "../db/open"
import { hashSecret, opaqueToken } from "../secrets"

/** "The authorization code expires after 15 minutes." (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5) */
export const CODE_TTL_MS = 15 * 60 * 1000

export interface CodeGrant {
  clientId: string
  userId: string
  redirectUri: string
  scopes: string[]
  codeChallenge?: string
  nonce?: string
  authTime: number
}

export type Redemption =
  | { status: "redeemed"; grant: CodeGrant; hash: string; expired: boolean }
  | { status: "reused"; hash: string }
  | { status: "unknown" }

/**
 * Salesforce's shape: `aPrx`, then base64 text ending in `==` padding, which travels as `%3D%3D` in
 * the callback and exposes clients that forget to URL-decode or re-encode it
 * (https://github.com/SalesforceCommerceCloud/b2c-crm-sync/issues/16; docs/fidelity.md, F-05).
 * 46 random bytes (368 bits, S-34) make 62 characters, then the padding.
 */
export function createCode(db: Db, grant: CodeGrant, now: number): string {
  const code = "aPrx" + opaqueToken(46) + "=="
  db.prepare(
    `INSERT INTO codes (hash, client_id, user_id, redirect_uri, scopes, code_challenge, nonce, auth_time, created_at, expires_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    hashSecret(code),
    grant.clientId,
    grant.userId,
    grant.redirectUri,
    grant.scopes.join(" "),
    grant.codeChallenge ?? null,
    grant.nonce ?? null,
    grant.authTime,
    now,
    now + CODE_TTL_MS,
  )
  return code
}

/**
 * Marks a code used and returns what it grants. The conditional UPDATE is the whole one-time-use
 * guarantee: of any number of parallel redemptions (in one process or several sharing the file),
 * exactly one changes the row (docs/security.md, S-32). Every attempt burns the code, even one that
 * later fails a check, so a wrong PKCE verifier cannot be retried (S-31).
 */
export function redeemCode(db: Db, code: string, now: number): Redemption {
  const hash = hashSecret(code)
  const changed = db
    .prepare("UPDATE codes SET used_at = ? WHERE hash = ? AND used_at IS NULL")
    .run(now, hash).changes
  const row = db.prepare("SELECT * FROM codes WHERE hash = ?").get(hash) as
    | {
        client_id: string
        user_id: string
        redirect_uri: string
        scopes: string
        code_challenge: string | null
        nonce: string | null
        auth_time: number
        expires_at: number
      }
    | undefined
  if (!row) return { status: "unknown" }
  if (changed === 0) return { status: "reused", hash }
  return {
    status: "redeemed",
    hash,
    expired: row.expires_at <= now,
    grant: {
      clientId: row.client_id,
      userId: row.user_id,
      redirectUri: row.redirect_uri,
      scopes: row.scopes.split(" ").filter(Boolean),
      codeChallenge: row.code_challenge ?? undefined,
      nonce: row.nonce ?? undefined,
      authTime: row.auth_time,
    },
  }
}
