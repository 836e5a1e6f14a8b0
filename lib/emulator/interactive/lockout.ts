import type { EmulatorContext } from "../context"
import { safeEqual } from "../secrets"
import type { SeedUser } from "../seed/seed-user"
import { clearFailedLogins, lockedUntil, recordFailedLogin } from "../store/lockouts"
import { getSettings } from "../store/settings"

/**
 * Checks a password on the login page under the password policy's lockout (docs/fidelity.md, F-63):
 * a locked user is refused whatever the password, a wrong one counts toward the lock, and a right
 * one resets the count. The login page and the token endpoint's username-password grant
 * (oauth/grant-password.ts) share it, so guessing at either locks the user (docs/security.md, S-212).
 */
export function checkPassword(
  ctx: EmulatorContext,
  user: SeedUser,
  password: string,
): "ok" | "wrong" | "locked" {
  const policy = getSettings(ctx.db)
  const now = ctx.now()
  if (lockedUntil(ctx.db, user.Id, policy, now) !== undefined) return "locked"
  if (!safeEqual(password, user.password))
    return recordFailedLogin(ctx.db, user.Id, policy, now) ? "locked" : "wrong"
  clearFailedLogins(ctx.db, user.Id)
  return "ok"
}
