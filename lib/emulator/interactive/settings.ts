import { csrfFor, csrfValid } from "../browser-session"
import type { EmulatorContext } from "../context"
import { readPageForm } from "./page-form"
import { redirect } from "../http"
import { messagePage } from "../pages/error-page"
import { settingsPage } from "../pages/settings-page"
import { USERS } from "../seed/records"
import { getAppSecretSettings, saveAppSecretSettings } from "../store/app-settings"
import { getClientCredentialsSettings } from "../store/client-credentials"
import { getApp, isPreauthorized, setPreauthorized } from "../store/apps"
import { isDeviceFlowEnabled, setDeviceFlowEnabled } from "../store/device-settings"
import * as assetTokens from "../store/asset-token-settings"
import { getHandlerSettings, saveHandlerSettings } from "../store/token-exchange-handler"
import { handlerFromForm } from "../pages/token-exchange-fields"
import { deleteApproval, listApprovals } from "../store/approvals"
import { resetOrg } from "../store/reset"
import { clearFailedLogins, listLockedUsers } from "../store/lockouts"
import { getSettings, saveSettings } from "../store/settings"
import { revokeUserAppTokens } from "../store/tokens"
import { countActiveRefreshFamilies } from "../store/refresh-tokens"
import { findUserById } from "../users"

import { requireAdmin } from "./settings-admin"
import { saveClientCredentials, settingsFromForm } from "./settings-form"
import { policyCards, savePolicies, saveUsers } from "./settings-policies"
const MESSAGES: Readonly<Record<string, string>> = {
  saved:
    "Settings saved. They apply to the next request; no propagation delay here (a real org takes 2–10 minutes).",
  revoked: "Approval revoked: the user's refresh and access tokens for the app no longer work.",
  reset: "The org was reset.",
  unlocked: "User unlocked: they can log in again at once.",
  policies: "Policies saved. They apply to the next request.",
  users: "Users saved. They apply to the next request.",
  "ip-refused":
    "Users saved, except a Login IP Ranges list that is not IPv4 ranges (start-end, start ≤ end): that user keeps the previous ranges.",
}

/**
 * What one save of the settings form may refuse while keeping the rest. One save can refuse
 * several, so the redirect carries a `done=` for each and the notice names them all, in this order.
 */
const SAVE_REFUSALS: Readonly<Record<string, string>> = {
  "run-as-refused":
    "the Run-As user: it must be an active user. The Client Credentials Flow keeps its previous Run-As user.",
  "jwks-refused":
    "the token exchange handler: its JWKS URL must be an http or https URL without credentials.",
}

/** The notice for the `done=` values of a redirect, if they name one. */
function notice(done: string[]): string | undefined {
  const refused = Object.keys(SAVE_REFUSALS).filter((k) => done.includes(k))
  if (refused.length)
    return `Settings saved, except ${refused.map((k) => SAVE_REFUSALS[k]).join(" Nor ")}`
  const flash = done[0] ?? ""
  return Object.hasOwn(MESSAGES, flash) ? MESSAGES[flash] : undefined
}

export function settingsGet(ctx: EmulatorContext, req: Request): Response {
  const denied = requireAdmin(ctx, req)
  if (denied) return denied
  const csrf = csrfFor(ctx, req)
  const clientId = ctx.app.clientId
  const approvals = listApprovals(ctx.db).map((a) => ({
    ...a,
    username: findUserById(ctx.db, a.userId)?.Username ?? a.userId,
    activeGrants: countActiveRefreshFamilies(ctx.db, a.userId, a.clientId),
  }))
  const settings = getSettings(ctx.db)
  const locked = listLockedUsers(ctx.db, settings, ctx.now()).map((l) => ({
    ...l,
    username: findUserById(ctx.db, l.userId)?.Username ?? l.userId,
  }))
  return settingsPage({
    basePath: ctx.basePath,
    csrf: csrf.token,
    settings,
    locked,
    rateLimitsOff: !ctx.rateLimits,
    app: getApp(ctx.db, clientId) ?? ctx.app,
    appSecrets: getAppSecretSettings(ctx.db, clientId),
    clientCredentials: getClientCredentialsSettings(ctx.db, clientId),
    deviceFlow: isDeviceFlowEnabled(ctx.db, clientId),
    assetTokens: assetTokens.getAssetTokenSettings(ctx.db, clientId),
    tokenExchange: getHandlerSettings(ctx.db, ctx.externalIdpIssuer),
    preauthorized: new Set(
      USERS.filter((u) => isPreauthorized(ctx.db, clientId, u.Id)).map((u) => u.Id),
    ),
    approvals,
    message: notice(new URL(req.url).searchParams.getAll("done")),
    extraCards: policyCards(ctx, csrf.token),
    setCookies: csrf.setCookies,
  })
}

/**
 * `POST /settings`, `/settings/policies`, `/settings/users`, `/settings/approvals/revoke`,
 * `/settings/users/unlock` and `/settings/reset`.
 */
export async function settingsPost(
  ctx: EmulatorContext,
  req: Request,
  action: "save" | "policies" | "users" | "revoke" | "unlock" | "reset",
): Promise<Response> {
  const denied = requireAdmin(ctx, req)
  if (denied) return denied
  const form = await readPageForm(ctx, req)
  if (form instanceof Response) return form
  if (!csrfValid(ctx, req, form))
    return messagePage(
      ctx.basePath,
      "Page expired",
      "This page expired. Reload the settings page and try again.",
      403,
    )
  const now = ctx.now()
  let done: string | string[] = {
    save: "saved",
    policies: "policies",
    users: "users",
    revoke: "revoked",
    unlock: "unlocked",
    reset: "reset",
  }[action]
  if (action === "policies") {
    savePolicies(ctx, form)
  } else if (action === "users") {
    if (!saveUsers(ctx, form)) done = "ip-refused"
  } else if (action === "save") {
    const refused: string[] = []
    saveSettings(ctx.db, settingsFromForm(form, getSettings(ctx.db)))
    setPreauthorized(
      ctx.db,
      ctx.app.clientId,
      form.getAll("preauthorized").filter((id) => findUserById(ctx.db, id)),
    )
    saveAppSecretSettings(ctx.db, ctx.app.clientId, {
      requireSecretForWebServer: form.get("requireSecretForWebServer") === "on",
      requireSecretForRefreshToken: form.get("requireSecretForRefreshToken") === "on",
    })
    if (!saveClientCredentials(ctx, form)) refused.push("run-as-refused")
    setDeviceFlowEnabled(ctx.db, ctx.app.clientId, form.get("deviceFlow") === "on")
    const current = assetTokens.getAssetTokenSettings(ctx.db, ctx.app.clientId)
    const asset = assetTokens.assetTokenSettingsFromForm(form, current)
    assetTokens.saveAssetTokenSettings(ctx.db, ctx.app.clientId, asset)
    const handler = handlerFromForm(form, getHandlerSettings(ctx.db, ctx.externalIdpIssuer))
    if (handler) saveHandlerSettings(ctx.db, handler)
    else refused.push("jwks-refused")
    if (refused.length) done = refused
  } else if (action === "revoke") {
    const approval = deleteApproval(ctx.db, form.get("approval") ?? "")
    if (approval) revokeUserAppTokens(ctx.db, approval.userId, approval.clientId, now)
  } else if (action === "unlock") {
    const user = findUserById(ctx.db, form.get("user") ?? "")
    if (user) clearFailedLogins(ctx.db, user.Id)
  } else {
    resetOrg(ctx.db, ctx.now())
  }
  const query = new URLSearchParams([done].flat().map((d) => ["done", d]))
  return redirect(`${ctx.basePath}/settings?${query}`, {}, 303)
}
