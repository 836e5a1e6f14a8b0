import type { EmulatorContext } from "../context"
import { DEMO_USERS } from "../seed/records"
import {
  getAppPolicies,
  IP_RELAXATIONS,
  saveAppPolicies,
  type IpRelaxation,
} from "../store/app-policies"
import { PLATFORM_CLI } from "../store/built-in-apps"
import { getSettings, saveSettings } from "../store/settings"
import { getUserPolicy, parseIpRanges, saveUserPolicy } from "../store/user-policies"
import { findUserById } from "../users"
import { policiesCard, usersCard } from "../pages/settings-policies-page"
import type { SafeHtml } from "../pages/html"

/** `POST /settings/policies`: the org's and the app's access policies. */
export function savePolicies(ctx: EmulatorContext, form: URLSearchParams): void {
  const on = (name: string) => form.get(name) === "on"
  saveSettings(ctx.db, {
    ...getSettings(ctx.db),
    apiAccessControl: on("apiAccessControl"),
    preventLoginAtLoginHost: on("preventLoginAtLoginHost"),
  })
  const relax = form.get("ipRelaxation")
  saveAppPolicies(ctx.db, ctx.app.clientId, {
    installed: on("installed"),
    apiAccessAllowed: on("apiAccessAllowed"),
    highAssurance: on("highAssurance"),
    ...((IP_RELAXATIONS as readonly (string | null)[]).includes(relax)
      ? { ipRelaxation: relax as IpRelaxation }
      : {}),
  })
  saveAppPolicies(ctx.db, PLATFORM_CLI.clientId, { installed: on("cliInstalled") })
}

/**
 * `POST /settings/users`: each listed user's permissions, Freeze and Login IP Ranges. A range list
 * that does not parse is not saved (the user keeps the previous one), as Setup refuses it: false then.
 */
export function saveUsers(ctx: EmulatorContext, form: URLSearchParams): boolean {
  let ok = true
  for (const id of new Set(form.getAll("user"))) {
    const user = findUserById(ctx.db, id)
    if (!user) continue
    const on = (field: string) => form.get(`${field}:${user.Id}`) === "on"
    const ranges = parseIpRanges(form.get(`loginIpRanges:${user.Id}`) ?? "")
    if (!ranges) ok = false
    saveUserPolicy(ctx.db, user.Id, {
      apiEnabled: on("apiEnabled"),
      apiOnly: on("apiOnly"),
      approveUninstalledApps: on("approveUninstalledApps"),
      useAnyApiClient: on("useAnyApiClient"),
      frozen: on("frozen"),
      ...(ranges ? { loginIpRanges: ranges } : {}),
    })
  }
  return ok
}

/** The two cards the settings page shows for these policies. */
export function policyCards(ctx: EmulatorContext, csrf: string): SafeHtml[] {
  return [
    policiesCard({
      basePath: ctx.basePath,
      csrf,
      settings: getSettings(ctx.db),
      app: getAppPolicies(ctx.db, ctx.app.clientId),
      cliInstalled: getAppPolicies(ctx.db, PLATFORM_CLI.clientId).installed,
    }),
    usersCard({
      basePath: ctx.basePath,
      csrf,
      users: DEMO_USERS.map((user) => ({ user, policy: getUserPolicy(ctx.db, user.Id) })),
    }),
  ]
}
