import type { Db } from "../db/open"

/** Scopes a connected app can be given, with the words Salesforce's consent page uses for them. */
export const SCOPE_DESCRIPTIONS: Readonly<Record<string, string>> = {
  api: "Manage user data via APIs (api)",
  web: "Manage user data via Web browsers (web)",
  full: "Full access (full)",
  refresh_token: "Perform requests at any time (refresh_token, offline_access)",
  offline_access: "Perform requests at any time (refresh_token, offline_access)",
  openid: "Access unique user identifiers (openid)",
  id: "Access the identity URL service (id, profile, email, address, phone)",
  profile: "Access the identity URL service (id, profile, email, address, phone)",
  email: "Access the identity URL service (id, profile, email, address, phone)",
  address: "Access the identity URL service (id, profile, email, address, phone)",
  phone: "Access the identity URL service (id, profile, email, address, phone)",
  chatter_api: "Access Connect REST API resources (chatter_api)",
  visualforce: "Access Visualforce applications (visualforce)",
  custom_permissions: "Access custom permissions (custom_permissions)",
}

export type AppPolicy = "self-authorize" | "admin-approved"

/** What the org settings page flips. Mirrors the connected app's OAuth and session policies. */
export interface OrgSettings {
  /** Permitted Users: "All users may self-authorize" or "Admin approved users are pre-authorized". */
  appPolicy: AppPolicy
  /** "Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows". */
  requirePkce: boolean
  /** "Block authorization flows using the user-agent flow" (response_type=token). */
  blockUserAgentFlow: boolean
  /** "Enable Refresh Token Rotation". */
  refreshTokenRotation: boolean
  /** Session timeout: how long an access token lives. */
  accessTokenMinutes: number
  /** Reject JWT assertions whose `exp` is more than 3 minutes ahead (docs/security.md, S-59). */
  strictAssertionExpiry: boolean
  /** The app's selected OAuth scopes. */
  appScopes: string[]
}

export const DEFAULT_SETTINGS: OrgSettings = {
  appPolicy: "self-authorize",
  requirePkce: false,
  blockUserAgentFlow: false,
  refreshTokenRotation: false,
  accessTokenMinutes: 120,
  strictAssertionExpiry: false,
  appScopes: [
    "api",
    "web",
    "refresh_token",
    "offline_access",
    "openid",
    "id",
    "profile",
    "email",
    "address",
    "phone",
  ],
}

export const ACCESS_TOKEN_MINUTES = [15, 30, 60, 120, 240, 480, 720, 1440] as const

export function getSettings(db: Db): OrgSettings {
  const row = db.prepare("SELECT value FROM settings WHERE key = 'org'").get() as
    { value: string } | undefined
  if (!row) return { ...DEFAULT_SETTINGS }
  return { ...DEFAULT_SETTINGS, ...(JSON.parse(row.value) as Partial<OrgSettings>) }
}

export function saveSettings(db: Db, settings: OrgSettings): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES ('org', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(JSON.stringify(settings))
}
