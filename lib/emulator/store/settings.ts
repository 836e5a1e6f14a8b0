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

/**
 * The app's Refresh Token Policy: "Refresh token is valid until revoked", "Expire refresh token
 * after N" and "Expire refresh token if not used for N"
 * (https://help.salesforce.com/s/articleView?id=sf.connected_app_manage_oauth.htm&type=5; docs/fidelity.md, F-163).
 */
export const REFRESH_TOKEN_POLICIES = ["until-revoked", "expire-after", "expire-unused"] as const
export type RefreshTokenPolicy = (typeof REFRESH_TOKEN_POLICIES)[number]
/** Bounds of N, in minutes (one year at most). */
export const REFRESH_POLICY_MAX_MINUTES = 525_600

/** What the org settings page flips. Mirrors the connected app's OAuth and session policies. */
export interface OrgSettings {
  /** Permitted Users: "All users may self-authorize" or "Admin approved users are pre-authorized". */
  appPolicy: AppPolicy
  /** "Require Proof Key for Code Exchange (PKCE) Extension for Supported Authorization Flows". */
  requirePkce: boolean
  /** "Block authorization flows using the user-agent flow" (response_type=token). */
  blockUserAgentFlow: boolean
  /**
   * OAuth and OpenID Connect Settings, "Allow OAuth Username-Password Flows": off, as in orgs created
   * since Summer '23 (docs/fidelity.md, F-125).
   */
  allowUsernamePasswordFlow: boolean
  /** "Enable Refresh Token Rotation". */
  refreshTokenRotation: boolean
  /** Refresh Token Policy, and its N in minutes (unused while valid until revoked). */
  refreshTokenPolicy: RefreshTokenPolicy
  refreshTokenPolicyMinutes: number
  /** Session timeout: how long an access token lives. */
  accessTokenMinutes: number
  /** Reject JWT assertions whose `exp` is more than 3 minutes ahead (docs/security.md, S-59). */
  strictAssertionExpiry: boolean
  /** The app's selected OAuth scopes. */
  appScopes: string[]
  /** Password policy "Maximum invalid login attempts" (0: no limit). */
  maxLoginAttempts: number
  /** Password policy "Lockout effective period", in minutes (0: until an admin unlocks). */
  lockoutMinutes: number
  /** Token endpoint: logins per user in any 60 minutes (Salesforce: 3,600). */
  loginsPerUserPerHour: number
  /** Authorize endpoint: requests per connected app in any 60 seconds (not documented). */
  authorizePerClientPerMinute: number
  /** Introspection endpoint: requests per connected app in any 60 seconds (not documented). */
  introspectPerClientPerMinute: number
  /**
   * API Access Control: only allowlisted apps may be used, except by users with "Use Any API Client"
   * (https://help.salesforce.com/s/articleView?id=sf.security_api_access_control_about.htm&type=5).
   */
  apiAccessControl: boolean
  /**
   * My Domain, Routing and Policies: "Prevent login from https://login.salesforce.com"
   * (https://help.salesforce.com/s/articleView?id=xcloud.domain_name_setting_login_policy.htm&language=en_US&type=5).
   */
  preventLoginAtLoginHost: boolean
}

export const DEFAULT_SETTINGS: OrgSettings = {
  appPolicy: "self-authorize",
  requirePkce: false,
  blockUserAgentFlow: false,
  allowUsernamePasswordFlow: false,
  refreshTokenRotation: false,
  refreshTokenPolicy: "until-revoked",
  refreshTokenPolicyMinutes: 60,
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
  // Salesforce's defaults: 10 attempts, 15 minutes (Password Policy Fields in Profiles,
  // https://help.salesforce.com/s/articleView?id=platform.users_profiles_password_policies_ref.htm&language=en_US&type=5).
  maxLoginAttempts: 10,
  lockoutMinutes: 15,
  // "Login requests exceeding 3,600 requests per hour per user will be blocked"
  // (https://help.salesforce.com/s/articleView?id=000381578&type=1).
  loginsPerUserPerHour: 3600,
  // Salesforce documents no number for these two (docs/fidelity.md, F-66, F-67): generous
  // defaults that stop a runaway loop, not a person.
  authorizePerClientPerMinute: 1200,
  introspectPerClientPerMinute: 1200,
  apiAccessControl: false,
  preventLoginAtLoginHost: false,
}

export const ACCESS_TOKEN_MINUTES = [15, 30, 60, 120, 240, 480, 720, 1440] as const
/** The choices Salesforce's password policy offers; 0 is "No limit". */
export const MAX_LOGIN_ATTEMPTS = [3, 5, 10, 0] as const
/** The lockout periods Salesforce offers, in minutes; 0 is "Forever (must be reset by admin)". */
export const LOCKOUT_MINUTES = [15, 30, 60, 0] as const
/** Bounds of the rate-limit fields on the settings page. */
export const RATE_LIMIT_MAX = 1_000_000

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
