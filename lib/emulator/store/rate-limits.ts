import type { Db } from "../db/open"

/** A window is cut into this many buckets: the count is exact to a sixtieth of the window. */
const BUCKETS = 60

/**
 * Takes one request from `key`'s allowance of `limit` per `windowMs`, counted over a sliding window
 * (Salesforce lets a user log in again once "the sum of logins within the last 60 minutes" is under
 * the limit, https://help.salesforce.com/s/articleView?id=000381578&type=1). Returns false, and
 * counts nothing, when the allowance is spent. The check and the count are one IMMEDIATE
 * transaction, so several processes sharing the database agree on the count.
 */
export function takeSlot(
  db: Db,
  key: string,
  limit: number,
  windowMs: number,
  now: number,
): boolean {
  const size = Math.max(1, Math.floor(windowMs / BUCKETS))
  const bucket = Math.floor(now / size)
  return db
    .transaction(() => {
      db.prepare("DELETE FROM rate_buckets WHERE key = ? AND bucket <= ?").run(
        key,
        bucket - BUCKETS,
      )
      const { used } = db
        .prepare("SELECT COALESCE(SUM(count), 0) AS used FROM rate_buckets WHERE key = ?")
        .get(key) as { used: number }
      if (used >= limit) return false
      db.prepare(
        "INSERT INTO rate_buckets (key, bucket, count) VALUES (?, ?, 1) ON CONFLICT (key, bucket) DO UPDATE SET count = count + 1",
      ).run(key, bucket)
      return true
    })
    .immediate()
}
