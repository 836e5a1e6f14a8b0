import { csrfFor, csrfValid, currentSession } from "../browser-session"
import type { EmulatorContext } from "../context"
import { readPageForm } from "./page-form"
import { AccessDenied } from "../errors"
import { completeAuthorization, errorToClient } from "../oauth/authorize-response"
import { loginRedirect, proceedWithAuthorization, resumePath } from "../oauth/authorize-decision"
import { consentPage } from "../pages/consent-page"
import { messagePage } from "../pages/error-page"
import { getApp } from "../store/apps"
import { recordApproval } from "../store/approvals"
import { deletePending, loadPending } from "../store/auth-requests"
import { findUserById } from "../users"

const expired = (ctx: EmulatorContext) =>
  messagePage(
    ctx.basePath,
    "Authorization expired",
    "This authorization request is no longer valid. Start the sign-in again from the application.",
    400,
  )

/** `GET /resume?request=…`: picks a parked authorize request up again after the login. */
export async function resumeGet(ctx: EmulatorContext, req: Request): Promise<Response> {
  const id = new URL(req.url).searchParams.get("request")
  const pending = loadPending(ctx.db, id, ctx.now())
  if (!id || !pending) return expired(ctx)
  return proceedWithAuthorization(ctx, req, id, pending.request)
}

/** `GET /consent?request=…`: the *Allow* / *Deny* page. */
export function consentGet(ctx: EmulatorContext, req: Request): Response {
  const id = new URL(req.url).searchParams.get("request")
  const pending = loadPending(ctx.db, id, ctx.now())
  if (!id || !pending) return expired(ctx)
  const session = currentSession(ctx, req)
  const user = session && findUserById(ctx.db, session.userId)
  const app = getApp(ctx.db, pending.request.clientId)
  if (!user || !app) return loginRedirect(ctx, resumePath(ctx, id))
  const csrf = csrfFor(ctx, req)
  return consentPage({
    basePath: ctx.basePath,
    appName: app.name,
    username: user.Username,
    scopes: pending.request.scopes,
    requestId: id,
    csrf: csrf.token,
    setCookies: csrf.setCookies,
  })
}

/** `POST /consent`: *Allow* records the approval and completes; *Deny* sends `access_denied`. */
export async function consentPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const form = await readPageForm(ctx, req)
  if (form instanceof Response) return form
  const id = form.get("request")
  const pending = loadPending(ctx.db, id, ctx.now())
  if (!id || !pending) return expired(ctx)
  if (!csrfValid(ctx, req, form))
    return messagePage(
      ctx.basePath,
      "Page expired",
      "This page expired. Go back to the application and start again.",
      403,
    )
  const session = currentSession(ctx, req)
  const user = session && findUserById(ctx.db, session.userId)
  const app = getApp(ctx.db, pending.request.clientId)
  if (!session || !user || !app) return loginRedirect(ctx, resumePath(ctx, id))
  const p = pending.request
  if (form.get("decision") !== "allow") {
    deletePending(ctx.db, id)
    const mode = p.responseType === "code" ? "query" : "fragment"
    return errorToClient(
      p.redirectUri,
      mode,
      new AccessDenied("end-user denied authorization"),
      p.state,
    )
  }
  recordApproval(ctx.db, user.Id, app.clientId, p.scopes, ctx.now())
  return completeAuthorization(ctx, id, p, app, user, session.authTime)
}
