import type { Db } from "../db/open"
import { randomSecret } from "../secrets"

export interface Approval {
  id: string
  userId: string
  clientId: string
  scopes: string[]
  createdAt: number
}

interface Row {
  id: string
  user_id: string
  client_id: string
  scopes: string
  created_at: number
}

const toApproval = (r: Row): Approval => ({
  id: r.id,
  userId: r.user_id,
  clientId: r.client_id,
  scopes: r.scopes.split(" ").filter(Boolean),
  createdAt: r.created_at,
})

export function getApproval(db: Db, userId: string, clientId: string): Approval | undefined {
  const row = db
    .prepare("SELECT * FROM approvals WHERE user_id = ? AND client_id = ?")
    .get(userId, clientId) as Row | undefined
  return row ? toApproval(row) : undefined
}

/** Records "Allow" on the consent page; scopes accumulate across approvals, as in Salesforce. */
export function recordApproval(
  db: Db,
  userId: string,
  clientId: string,
  scopes: readonly string[],
  now: number,
): void {
  const existing = getApproval(db, userId, clientId)
  const merged = [...new Set([...(existing?.scopes ?? []), ...scopes])].join(" ")
  db.prepare(
    `INSERT INTO approvals (id, user_id, client_id, scopes, created_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (user_id, client_id) DO UPDATE SET scopes = excluded.scopes`,
  ).run(randomSecret(12), userId, clientId, merged, now)
}

export function listApprovals(db: Db): Approval[] {
  return (db.prepare("SELECT * FROM approvals ORDER BY created_at").all() as Row[]).map(toApproval)
}

export function deleteApproval(db: Db, id: string): Approval | undefined {
  const row = db.prepare("SELECT * FROM approvals WHERE id = ?").get(id) as Row | undefined
  if (!row) return undefined
  db.prepare("DELETE FROM approvals WHERE id = ?").run(id)
  return toApproval(row)
}
