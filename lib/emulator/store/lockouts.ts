import type { Db } from "../db/open"

/** The password policy the lockout follows (org settings, store/settings.ts). */
export interface LockoutPolicy {
  /** "Maximum invalid login attempts"; 0 is "No limit". */
  maxLoginAttempts: number
  /** "Lockout effective period" in minutes; 0 is "Forever (must be reset by admin)". */
  lockoutMinutes: number
}

interface Row {
  user_id: string
  failures: number
  locked_at: number | null
}

const lockEnds = (lockedAt: number, p: LockoutPolicy) =>
  p.lockoutMinutes === 0 ? Infinity : lockedAt + p.lockoutMinutes * 60_000

/** When `userId`'s lockout ends (`Infinity` until an admin unlocks), or undefined when not locked. */
export function lockedUntil(db: Db, userId: string, p: LockoutPolicy, now: number) {
  const row = db.prepare("SELECT * FROM login_failures WHERE user_id = ?").get(userId) as
    Row | undefined
  if (row?.locked_at == null) return undefined
  const end = lockEnds(row.locked_at, p)
  return end > now ? end : undefined
}

/**
 * Counts a wrong password. Salesforce: "When the maximum number of failed login attempts is
 * reached, the counter resets and the user's account is locked" (Password Policy Fields in
 * Profiles, https://help.salesforce.com/s/articleView?id=platform.users_profiles_password_policies_ref.htm&language=en_US&type=5).
 * One IMMEDIATE transaction, so two processes on one database never lose a count. Returns true
 * when this failure locked the user.
 */
export function recordFailedLogin(db: Db, userId: string, p: LockoutPolicy, now: number): boolean {
  return db
    .transaction(() => {
      const row = db.prepare("SELECT * FROM login_failures WHERE user_id = ?").get(userId) as
        Row | undefined
      // A lock that has run out is over: counting starts again.
      if (row?.locked_at != null && lockEnds(row.locked_at, p) > now) return false
      const failures = (row && row.locked_at == null ? row.failures : 0) + 1
      const lock = p.maxLoginAttempts > 0 && failures >= p.maxLoginAttempts
      db.prepare(
        "INSERT INTO login_failures (user_id, failures, locked_at) VALUES (?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET failures = excluded.failures, locked_at = excluded.locked_at",
      ).run(userId, lock ? 0 : failures, lock ? now : null)
      return lock
    })
    .immediate()
}

/** A successful login resets the counter (same page as above); an admin's Unlock lifts the lock. */
export function clearFailedLogins(db: Db, userId: string): void {
  db.prepare("DELETE FROM login_failures WHERE user_id = ?").run(userId)
}

/** The users locked out now, with when each lock ends (`Infinity`: until an admin unlocks). */
export function listLockedUsers(
  db: Db,
  p: LockoutPolicy,
  now: number,
): { userId: string; lockedAt: number; until: number }[] {
  const rows = db
    .prepare("SELECT * FROM login_failures WHERE locked_at IS NOT NULL ORDER BY locked_at")
    .all() as Row[]
  return rows
    .map((r) => ({ userId: r.user_id, lockedAt: r.locked_at!, until: lockEnds(r.locked_at!, p) }))
    .filter((r) => r.until > now)
}
