import type { Db } from "../db/open"

/**
 * Remembers a JWT `jti` until the assertion expires; false if it was seen already (S-61).
 * The primary key makes the check-and-insert atomic across processes.
 */
export function rememberJti(
  db: Db,
  clientId: string,
  jti: string,
  expiresAt: number,
  now: number,
): boolean {
  db.prepare("DELETE FROM used_jtis WHERE expires_at < ?").run(now)
  return (
    db
      .prepare("INSERT OR IGNORE INTO used_jtis (client_id, jti, expires_at) VALUES (?, ?, ?)")
      .run(clientId, jti, expiresAt).changes === 1
  )
}
