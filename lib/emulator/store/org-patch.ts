import { z } from "zod"
import type { Db } from "../db/open"
import { findUserByUsername } from "../users"
import { IP_RELAXATIONS, saveAppPolicies } from "./app-policies"
import { saveAppSecretSettings } from "./app-settings"
import { setUserPreauthorized } from "./apps"
import { setDeviceFlowEnabled } from "./device-settings"
import {
  ACCESS_TOKEN_MINUTES,
  getSettings,
  LOCKOUT_MINUTES,
  MAX_LOGIN_ATTEMPTS,
  RATE_LIMIT_MAX,
  REFRESH_POLICY_MAX_MINUTES,
  REFRESH_TOKEN_POLICIES,
  saveSettings,
  SCOPE_DESCRIPTIONS,
  type OrgSettings,
} from "./settings"
import { ipv4ToNumber, parseIpRanges, saveUserPolicy } from "./user-policies"

/**
 * One change to the org's state, as the settings page could make it: org settings, the app's
 * secret settings and access policies, and per-user properties by username. Used to put the org
 * into a known failure (and back) without HTTP; every value is checked as the settings page
 * checks it, and unknown keys are refused.
 */
const oneOf = (values: readonly number[]) =>
  z.number().refine((n) => values.includes(n), { message: `one of ${values.join(", ")}` })
const rateLimit = z.number().int().min(1).max(RATE_LIMIT_MAX)

const orgSettingsPatch = z
  .object({
    appPolicy: z.enum(["self-authorize", "admin-approved"]),
    requirePkce: z.boolean(),
    blockUserAgentFlow: z.boolean(),
    allowUsernamePasswordFlow: z.boolean(),
    refreshTokenRotation: z.boolean(),
    refreshTokenPolicy: z.enum(REFRESH_TOKEN_POLICIES),
    refreshTokenPolicyMinutes: z.number().int().min(1).max(REFRESH_POLICY_MAX_MINUTES),
    accessTokenMinutes: oneOf(ACCESS_TOKEN_MINUTES),
    strictAssertionExpiry: z.boolean(),
    appScopes: z.array(z.string().refine((s) => Object.hasOwn(SCOPE_DESCRIPTIONS, s))),
    maxLoginAttempts: oneOf(MAX_LOGIN_ATTEMPTS),
    lockoutMinutes: oneOf(LOCKOUT_MINUTES),
    loginsPerUserPerHour: rateLimit,
    authorizePerClientPerMinute: rateLimit,
    introspectPerClientPerMinute: rateLimit,
    apiAccessControl: z.boolean(),
    preventLoginAtLoginHost: z.boolean(),
  } satisfies Record<keyof OrgSettings, z.ZodType>)
  .partial()
  .strict()

const ipv4 = z.string().refine((s) => ipv4ToNumber(s) !== undefined, { message: "an IPv4 address" })
const ipRanges = z.union([
  z.array(z.object({ start: ipv4, end: ipv4 }).strict()).max(50),
  // The settings page's text form: "start-end" per line or comma.
  z.string().transform((s, c) => {
    const parsed = parseIpRanges(s)
    if (!parsed) c.addIssue({ code: "custom", message: "IPv4 ranges, start-end" })
    return parsed ?? []
  }),
])

const userPatch = z
  .object({
    apiEnabled: z.boolean(),
    apiOnly: z.boolean(),
    approveUninstalledApps: z.boolean(),
    useAnyApiClient: z.boolean(),
    frozen: z.boolean(),
    loginIpRanges: ipRanges,
    /** Assigned to the app through a profile or permission set ("Admin approved users are pre-authorized"). */
    preauthorized: z.boolean(),
  })
  .partial()
  .strict()

export const OrgPatchSchema = z
  .object({
    settings: orgSettingsPatch,
    appSecrets: z
      .object({ requireSecretForWebServer: z.boolean(), requireSecretForRefreshToken: z.boolean() })
      .partial()
      .strict(),
    app: z
      .object({
        installed: z.boolean(),
        apiAccessAllowed: z.boolean(),
        highAssurance: z.boolean(),
        ipRelaxation: z.enum(IP_RELAXATIONS),
        deviceFlow: z.boolean(),
      })
      .partial()
      .strict(),
    /** Keyed by username (case-insensitive, as Salesforce's). */
    users: z.record(z.string().max(80), userPatch),
  })
  .partial()
  .strict()

export type OrgPatch = z.input<typeof OrgPatchSchema>

/**
 * Applies `patch` to the org for the app `clientId`, in one transaction: all of it or, when any
 * part is invalid or names an unknown user, none of it (a ZodError or an Error says which).
 */
export function applyOrgPatch(db: Db, clientId: string, patch: OrgPatch): void {
  const p = OrgPatchSchema.parse(patch)
  const users = Object.entries(p.users ?? {}).map(([username, change]) => {
    const user = findUserByUsername(db, username)
    if (!user) throw new Error(`no user ${username} in the org`)
    return { user, change }
  })
  db.transaction(() => {
    if (p.settings) saveSettings(db, { ...getSettings(db), ...p.settings })
    if (p.appSecrets) saveAppSecretSettings(db, clientId, p.appSecrets)
    if (p.app) {
      const { deviceFlow, ...policies } = p.app
      saveAppPolicies(db, clientId, policies)
      if (deviceFlow !== undefined) setDeviceFlowEnabled(db, clientId, deviceFlow)
    }
    for (const { user, change } of users) {
      const { preauthorized, ...policy } = change
      saveUserPolicy(db, user.Id, policy)
      if (preauthorized !== undefined) setUserPreauthorized(db, clientId, user.Id, preauthorized)
    }
  }).immediate()
}
