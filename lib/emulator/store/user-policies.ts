import type { Db } from "../db/open"
import type { SeedUser } from "../seed/seed-user"

/**
 * What a user's profile and permission sets grant, and the admin's Freeze, per user. The seed users
 * are constants (seed/records.ts); these overrides live in the settings table under
 * `user-policy:<userId>`, so "Reset the org" (store/reset.ts) restores the defaults.
 * - "API Enabled", "API Only User": https://help.salesforce.com/s/articleView?id=000386367&type=1
 * - "Approve Uninstalled Connected Apps", "Use Any API Client":
 *   https://help.salesforce.com/s/articleView?id=005132365&type=1
 * - Freeze: https://help.salesforce.com/s/articleView?id=platform.users_freeze.htm&language=en_US&type=5
 * - Login IP Ranges on the profile (Setup → Profiles → Login IP Ranges): https://github.com/forceworkbench/forceworkbench/issues/772
 * (docs/fidelity.md, F-170 to F-183)
 */
export interface UserPolicy {
  apiEnabled: boolean
  apiOnly: boolean
  approveUninstalledApps: boolean
  useAnyApiClient: boolean
  frozen: boolean
  /** Login IP Ranges: none means no restriction; otherwise a login must come from one of them. */
  loginIpRanges: IpRange[]
}

/** An inclusive IPv4 range, as Setup's Login IP Ranges takes it (start and end address). */
export interface IpRange {
  start: string
  end: string
}

/**
 * Every demo user has API Enabled and may approve uninstalled apps (the System Administrator
 * profile gets that permission automatically; the lab gives it to its standard user too, so
 * `sf org login web` keeps working: docs/fidelity.md, F-171). Nobody has "Use Any API Client".
 */
export const DEFAULT_USER_POLICY: UserPolicy = {
  apiEnabled: true,
  apiOnly: false,
  approveUninstalledApps: true,
  useAnyApiClient: false,
  frozen: false,
  loginIpRanges: [],
}

const key = (userId: string) => `user-policy:${userId}`

export function getUserPolicy(db: Db, userId: string): UserPolicy {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(userId)) as
    { value: string } | undefined
  if (!row) return { ...DEFAULT_USER_POLICY, loginIpRanges: [] }
  return { ...DEFAULT_USER_POLICY, ...(JSON.parse(row.value) as Partial<UserPolicy>) }
}

/** Changes some of a user's properties and returns them all. */
export function saveUserPolicy(db: Db, userId: string, change: Partial<UserPolicy>): UserPolicy {
  const next = { ...getUserPolicy(db, userId), ...change }
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(userId), JSON.stringify(next))
  return next
}

export const userPolicyOf = (db: Db, user: SeedUser) => getUserPolicy(db, user.Id)

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/

/** An IPv4 address as a number, or undefined. IPv4-mapped IPv6 (`::ffff:a.b.c.d`) and `::1` count. */
export function ipv4ToNumber(raw: string): number | undefined {
  const ip = raw === "::1" ? "127.0.0.1" : raw.replace(/^::ffff:/i, "")
  const m = IPV4.exec(ip)
  if (!m) return undefined
  const parts = m.slice(1).map(Number)
  if (parts.some((p) => p > 255)) return undefined
  return parts.reduce((n, p) => n * 256 + p, 0)
}

/** Whether `ip` is inside one of `ranges`; no ranges means no restriction. */
export function ipAllowed(ranges: readonly IpRange[], ip: string): boolean {
  if (!ranges.length) return true
  const n = ipv4ToNumber(ip)
  if (n === undefined) return false
  return ranges.some((r) => {
    const a = ipv4ToNumber(r.start)
    const b = ipv4ToNumber(r.end)
    return a !== undefined && b !== undefined && n >= a && n <= b
  })
}

/**
 * Reads ranges written one per line (or comma-separated) as `start-end` or a single address.
 * Undefined when any entry is not a valid IPv4 range with start ≤ end (Setup refuses to save it).
 */
export function parseIpRanges(text: string): IpRange[] | undefined {
  const entries = text
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter(Boolean)
  if (entries.length > 50) return undefined
  const ranges: IpRange[] = []
  for (const e of entries) {
    const parts = e.split(/\s*-\s*/)
    const start = parts[0] ?? ""
    const end = parts[1] ?? start
    const a = ipv4ToNumber(start)
    const b = ipv4ToNumber(end)
    if (parts.length > 2 || a === undefined || b === undefined || a > b) return undefined
    ranges.push({ start, end })
  }
  return ranges
}

export const formatIpRanges = (ranges: readonly IpRange[]) =>
  ranges.map((r) => (r.start === r.end ? r.start : `${r.start}-${r.end}`)).join("\n")
