import type { EmulatorContext } from "../context"
import {
  getClientCredentialsSettings,
  runAsRefusal,
  saveClientCredentialsSettings,
} from "../store/client-credentials"
import {
  ACCESS_TOKEN_MINUTES,
  LOCKOUT_MINUTES,
  MAX_LOGIN_ATTEMPTS,
  RATE_LIMIT_MAX,
  REFRESH_POLICY_MAX_MINUTES,
  REFRESH_TOKEN_POLICIES,
  SCOPE_DESCRIPTIONS,
  type OrgSettings,
} from "../store/settings"
import { findUserById } from "../users"

/** The Refresh Token Policy fields; an unknown policy or an N out of bounds keeps the current one. */
function refreshPolicyFromForm(
  form: URLSearchParams,
  num: (name: string) => number,
  current: OrgSettings,
): Pick<OrgSettings, "refreshTokenPolicy" | "refreshTokenPolicyMinutes"> {
  const policy = form.get("refreshTokenPolicy")
  const n = num("refreshTokenPolicyMinutes")
  return {
    refreshTokenPolicy: (REFRESH_TOKEN_POLICIES as readonly (string | null)[]).includes(policy)
      ? (policy as OrgSettings["refreshTokenPolicy"])
      : current.refreshTokenPolicy,
    refreshTokenPolicyMinutes:
      Number.isInteger(n) && n >= 1 && n <= REFRESH_POLICY_MAX_MINUTES
        ? n
        : current.refreshTokenPolicyMinutes,
  }
}

/** Reads the settings form; values outside the offered choices keep their current setting. */
export function settingsFromForm(form: URLSearchParams, current: OrgSettings): OrgSettings {
  const policy = form.get("appPolicy")
  const minutes = Number(form.get("accessTokenMinutes"))
  // An absent or empty field is no number (Number("") would be 0, "No limit").
  const num = (name: string) => {
    const v = form.get(name)?.trim()
    return v ? Number(v) : NaN
  }
  const choice = (name: string, choices: readonly number[], fallback: number) =>
    choices.includes(num(name)) ? num(name) : fallback
  const limit = (name: keyof OrgSettings & `${string}Per${string}`) => {
    const n = num(name)
    return Number.isInteger(n) && n >= 1 && n <= RATE_LIMIT_MAX ? n : current[name]
  }
  return {
    appPolicy:
      policy === "admin-approved" || policy === "self-authorize" ? policy : current.appPolicy,
    requirePkce: form.get("requirePkce") === "on",
    blockUserAgentFlow: form.get("blockUserAgentFlow") === "on",
    allowUsernamePasswordFlow: form.get("allowUsernamePasswordFlow") === "on",
    refreshTokenRotation: form.get("refreshTokenRotation") === "on",
    ...refreshPolicyFromForm(form, num, current),
    strictAssertionExpiry: form.get("strictAssertionExpiry") === "on",
    accessTokenMinutes: (ACCESS_TOKEN_MINUTES as readonly number[]).includes(minutes)
      ? minutes
      : current.accessTokenMinutes,
    appScopes: [
      ...new Set(form.getAll("appScopes").filter((s) => Object.hasOwn(SCOPE_DESCRIPTIONS, s))),
    ],
    maxLoginAttempts: choice("maxLoginAttempts", MAX_LOGIN_ATTEMPTS, current.maxLoginAttempts),
    lockoutMinutes: choice("lockoutMinutes", LOCKOUT_MINUTES, current.lockoutMinutes),
    loginsPerUserPerHour: limit("loginsPerUserPerHour"),
    authorizePerClientPerMinute: limit("authorizePerClientPerMinute"),
    introspectPerClientPerMinute: limit("introspectPerClientPerMinute"),
    // On the org policies form (interactive/settings-policies.ts), not this one.
    apiAccessControl: current.apiAccessControl,
    preventLoginAtLoginHost: current.preventLoginAtLoginHost,
  }
}

/**
 * The Client Credentials Flow's two settings. A Run-As user that does not meet Salesforce's
 * conditions is not saved (the previous one stays), as Setup refuses to save it; false then.
 */
export function saveClientCredentials(ctx: EmulatorContext, form: URLSearchParams): boolean {
  const current = getClientCredentialsSettings(ctx.db, ctx.app.clientId)
  const asked = form.get("runAsUserId") ?? ""
  const user = asked ? findUserById(ctx.db, asked) : undefined
  const refused = asked ? runAsRefusal(user) : undefined
  saveClientCredentialsSettings(ctx.db, ctx.app.clientId, {
    enabled: form.get("clientCredentialsEnabled") === "on",
    runAsUserId: refused ? current.runAsUserId : user?.Id,
  })
  return !refused
}
