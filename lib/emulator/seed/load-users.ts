import { to18 } from "../ids"
import type { SeedUser } from "./seed-user"

/** The most load users the org will generate: enough for the reliability suite, small enough to scan. */
export const MAX_LOAD_USERS = 1000

/**
 * How many load users `SALESFORCE_LAB_LOAD_USERS` asks for: a whole number from 0 to 1000.
 * Anything else (unset, text, negative, too large) means none, so a typo never changes the org.
 */
export function loadUserCount(raw: string | undefined): number {
  if (!raw || !/^\d{1,4}$/.test(raw.trim())) return 0
  const n = Number(raw.trim())
  return n <= MAX_LOAD_USERS ? n : 0
}

/** The username of load user `n` (1-based): `load-0001@example.com`. */
export const loadUsername = (n: number) => `load-${String(n).padStart(4, "0")}@example.com`

export const LOAD_USER_PASSWORD = "load1234"

/**
 * Opt-in extra users for load tests: with only the three demo users, two concurrent logins of the
 * same user cannot be told apart, so a session handed to the wrong browser would go unnoticed.
 * Each load user is an ordinary active, self-authorizing, non-admin user (like demo@example.com),
 * with an ID in the 005 key prefix that no demo user uses.
 */
export function loadUsers(count: number): SeedUser[] {
  return Array.from({ length: count }, (_, i) => {
    const n = String(i + 1).padStart(4, "0")
    return {
      Id: to18(`0055g00000L${n}`),
      Username: loadUsername(i + 1),
      password: LOAD_USER_PASSWORD,
      FirstName: "Load",
      LastName: `User ${n}`,
      Name: `Load User ${n}`,
      Email: loadUsername(i + 1),
      IsActive: true,
      isAdmin: false,
      preauthorizedByDefault: false,
      UserType: "Standard",
      LanguageLocaleKey: "en_US",
      LocaleSidKey: "en_US",
      TimeZoneSidKey: "Europe/London",
    }
  })
}
