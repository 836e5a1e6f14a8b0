import { csrfFor, csrfValid, currentSession, sessionFingerprint } from "../browser-session"
import type { EmulatorContext } from "../context"
import { loginRedirect } from "../oauth/authorize-decision"
import { countUserCodeAttempt } from "../oauth/rate-limits"
import {
  codeEntryPage,
  deviceConsentPage,
  deviceDonePage,
  TOO_MANY_CODES,
  WRONG_USER_CODE,
} from "../pages/device-connect-page"
import { messagePage } from "../pages/error-page"
import { getApp, isPreauthorized } from "../store/apps"
import { recordApproval } from "../store/approvals"
import { decideDeviceRequest, pendingByUserCode } from "../store/device-codes"
import { isDeviceFlowEnabled } from "../store/device-settings"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { approvalRefusal } from "../oauth/org-policies"
import { remoteAccessErrorPage } from "../pages/remote-access-error-page"
import { findUserById } from "../users"
import { readPageForm } from "./page-form"

/**
 * The Device flow's verification page, `/setup/connect` as on Salesforce (the `verification_uri`
 * real orgs return, https://github.com/forcedotcom/cli/issues/890): log in, enter the user code,
 * then *Allow* or *Deny* (docs/fidelity.md, F-144).
 */
const connectPath = (ctx: EmulatorContext) => `${ctx.basePath}/setup/connect`

/** The logged-in user and a CSRF token, or the login redirect that comes back here. */
function signedIn(ctx: EmulatorContext, req: Request) {
  const session = currentSession(ctx, req)
  const user = session && findUserById(ctx.db, session.userId)
  if (!session || !user) return { redirect: loginRedirect(ctx, connectPath(ctx)) }
  return { session, user, csrf: csrfFor(ctx, req) }
}

export function connectGet(ctx: EmulatorContext, req: Request): Response {
  const s = signedIn(ctx, req)
  if (s.redirect) return s.redirect
  return codeEntryPage({
    basePath: ctx.basePath,
    csrf: s.csrf.token,
    username: s.user.Username,
    setCookies: s.csrf.setCookies,
  })
}

const expiredForm = (ctx: EmulatorContext) =>
  messagePage(
    ctx.basePath,
    "Page expired",
    "This page expired. Open the verification page again.",
    403,
  )

/**
 * Reads a posted user code: login, CSRF and the attempt allowance first (every attempt counts,
 * right or wrong, docs/security.md S-220), then the live request it names.
 */
async function postedCode(ctx: EmulatorContext, req: Request) {
  const s = signedIn(ctx, req)
  if (s.redirect) return { answer: s.redirect }
  const form = await readPageForm(ctx, req)
  if (form instanceof Response) return { answer: form }
  if (!csrfValid(ctx, req, form)) return { answer: expiredForm(ctx) }
  const again = (error: string, status: number) =>
    codeEntryPage({
      basePath: ctx.basePath,
      csrf: s.csrf.token,
      username: s.user.Username,
      error,
      status,
    })
  if (!countUserCodeAttempt(ctx, { session: sessionFingerprint(ctx, req)!, userId: s.user.Id }))
    return { answer: again(TOO_MANY_CODES, 429) }
  const pending = pendingByUserCode(ctx.db, form.get("user_code") ?? "", ctx.now())
  const app = pending && getApp(ctx.db, pending.clientId)
  if (!pending || !app || !isDeviceFlowEnabled(ctx.db, app.clientId))
    return { answer: again(WRONG_USER_CODE, 400) }
  return { s, form, pending, app }
}

/** `POST /setup/connect`: a right code shows *Allow Access?*, a wrong one the form again. */
export async function connectPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const r = await postedCode(ctx, req)
  if (r.answer) return r.answer
  return deviceConsentPage({
    basePath: ctx.basePath,
    csrf: r.s.csrf.token,
    appName: r.app.name,
    username: r.s.user.Username,
    scopes: r.pending.scopes,
    userCode: r.form.get("user_code") ?? "",
  })
}

/** `POST /setup/connect/decision`: *Allow* approves the device request for this user, *Deny* refuses it. */
export async function connectDecisionPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const r = await postedCode(ctx, req)
  if (r.answer) return r.answer
  const { s, pending, app, form } = r
  const now = ctx.now()
  if (form.get("decision") !== "allow") {
    decideDeviceRequest(ctx.db, pending.userCodeHash, { allow: false }, now)
    return deviceDonePage(ctx.basePath, false)
  }
  if (!s.user.IsActive)
    return messagePage(ctx.basePath, "Access disabled", "Your access is disabled.", 403)
  // The uninstalled-app block and API Access Control apply to this approval as to the authorize
  // endpoint's (the Device flow included, https://help.salesforce.com/s/articleView?id=005132365&type=1).
  const refused = approvalRefusal(ctx, app.clientId, s.user)
  if (refused) return remoteAccessErrorPage(ctx.basePath, refused.error, refused.description)
  // The app's Permitted Users policy applies here as on the authorize endpoint.
  if (
    appOAuthPolicy(ctx.db, app.clientId).appPolicy === "admin-approved" &&
    !isPreauthorized(ctx.db, app.clientId, s.user.Id)
  )
    return messagePage(
      ctx.basePath,
      "OAuth Error",
      "invalid_app_access: user is not admin approved to access this app",
      403,
    )
  if (
    !decideDeviceRequest(
      ctx.db,
      pending.userCodeHash,
      { allow: true, userId: s.user.Id, authTime: s.session.authTime },
      now,
    )
  )
    return messagePage(ctx.basePath, "Code expired", WRONG_USER_CODE, 400)
  recordApproval(ctx.db, s.user.Id, app.clientId, pending.scopes, now)
  return deviceDonePage(ctx.basePath, true)
}
