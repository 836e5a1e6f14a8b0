import { currentSession, sessionFingerprint } from "../browser-session"
import type { EmulatorContext } from "../context"
import { ImmediateUnsuccessful, InactiveUser, InvalidAppAccess, type OAuthError } from "../errors"
import { redirect } from "../http"
import { getApp, isPreauthorized, type ConnectedApp } from "../store/apps"
import { getApproval } from "../store/approvals"
import { deletePending, type PendingAuthorization } from "../store/auth-requests"
import type { SeedUser } from "../seed/seed-user"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { findUserById } from "../users"
import { getUserPolicy } from "../store/user-policies"
import { completeAuthorization, errorToClient, modeFor } from "./authorize-response"
import { approvalRefusal, highAssuranceRequired, remoteAccessErrorPath } from "./org-policies"

export const resumePath = (ctx: EmulatorContext, requestId: string) =>
  `${ctx.basePath}/resume?request=${encodeURIComponent(requestId)}`

export function loginRedirect(
  ctx: EmulatorContext,
  startUrl: string,
  loginHint?: string,
): Response {
  const q = new URLSearchParams({ startURL: startUrl })
  if (loginHint) q.set("login_hint", loginHint)
  return redirect(`${ctx.basePath}/login?${q}`)
}

/** Who goes on with a parked request, once every policy check has passed. */
export interface Cleared {
  user: SeedUser
  app: ConnectedApp
  session: NonNullable<ReturnType<typeof currentSession>>
  preauthorized: boolean
}

/**
 * The checks a parked authorize request passes before anyone may approve or complete it: a login
 * (none yet, or `prompt=login` asked for a fresh one), the user active and not frozen, the app
 * installed and allowed (API Access Control), the session's level, and "admin approved users are
 * pre-authorized" (docs/fidelity.md, F-170 to F-181). The answer that stops the request, or who
 * goes on. Shared by /resume and both steps of the consent page, so that posting *Allow* is no way
 * around them; a refused request is deleted, so it cannot be tried again.
 */
export function authorizationGate(
  ctx: EmulatorContext,
  req: Request,
  requestId: string,
  p: PendingAuthorization,
): Response | Cleared {
  const mode = modeFor(p.responseType)
  const fail = (e: OAuthError) => {
    deletePending(ctx.db, requestId)
    return errorToClient(p.redirectUri, mode, e, p.state)
  }
  const session = currentSession(ctx, req)
  // `prompt=login` is satisfied only by a session started after the request (a new `sid`).
  if (
    !session ||
    (p.promptLogin &&
      p.staleSession !== undefined &&
      sessionFingerprint(ctx, req) === p.staleSession)
  ) {
    if (p.immediate) return fail(new ImmediateUnsuccessful("immediate unsuccessful"))
    return loginRedirect(ctx, resumePath(ctx, requestId), p.loginHint)
  }
  const user = findUserById(ctx.db, session.userId)
  const app = getApp(ctx.db, p.clientId)
  if (!user || !app) return loginRedirect(ctx, resumePath(ctx, requestId), p.loginHint)
  if (!user.IsActive) return fail(new InactiveUser("user is inactive"))
  // A session from before the admin froze the user (unverified: answered as for an inactive user).
  if (getUserPolicy(ctx.db, user.Id).frozen) return fail(new InactiveUser("user is inactive"))
  const refused = approvalRefusal(ctx, app.clientId, user)
  if (refused) {
    deletePending(ctx.db, requestId)
    return redirect(remoteAccessErrorPath(ctx, refused))
  }
  const lowSession = highAssuranceRequired(ctx, app.clientId)
  if (lowSession) return fail(lowSession)
  const preauthorized = isPreauthorized(ctx.db, app.clientId, user.Id)
  if (appOAuthPolicy(ctx.db, app.clientId).appPolicy === "admin-approved" && !preauthorized) {
    return fail(new InvalidAppAccess("user is not admin approved to access this app"))
  }
  return { user, app, session, preauthorized }
}

/**
 * Decides what a parked authorize request needs next: what the gate above answers, the consent
 * page, or nothing, in which case it completes. `immediate=true` turns "needs the user" into
 * `immediate_unsuccessful` (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5).
 */
export async function proceedWithAuthorization(
  ctx: EmulatorContext,
  req: Request,
  requestId: string,
  p: PendingAuthorization,
): Promise<Response> {
  const gate = authorizationGate(ctx, req, requestId, p)
  if (gate instanceof Response) return gate
  const { user, app, session, preauthorized } = gate
  const approval = getApproval(ctx.db, user.Id, app.clientId)
  const covered = !!approval && p.scopes.every((s) => approval.scopes.includes(s))
  if (p.promptConsent || !(preauthorized || covered)) {
    if (p.immediate) {
      deletePending(ctx.db, requestId)
      return errorToClient(
        p.redirectUri,
        modeFor(p.responseType),
        new ImmediateUnsuccessful("immediate unsuccessful"),
        p.state,
      )
    }
    return redirect(`${ctx.basePath}/consent?request=${encodeURIComponent(requestId)}`)
  }
  return completeAuthorization(ctx, requestId, p, app, user, session.authTime)
}
