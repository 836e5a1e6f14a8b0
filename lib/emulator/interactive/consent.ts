import { csrfFor, csrfValid } from "../browser-session"
import type { EmulatorContext } from "../context"
import { readPageForm } from "./page-form"
import { AccessDenied } from "../errors"
import { completeAuthorization, errorToClient } from "../oauth/authorize-response"
import { authorizationGate, proceedWithAuthorization } from "../oauth/authorize-decision"
import { consentPage } from "../pages/consent-page"
import { messagePage } from "../pages/error-page"
import { recordApproval } from "../store/approvals"
import { deletePending, loadPending } from "../store/auth-requests"

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
  // The page is shown only for a request the org would let this user approve (F-170 to F-181).
  const gate = authorizationGate(ctx, req, id, pending.request)
  if (gate instanceof Response) return gate
  const { user, app } = gate
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
  // *Allow* is no way around the checks /resume makes: they run again here, as the user, the app
  // or the org's policies may have changed since the page was shown (F-170 to F-181).
  const p = pending.request
  const gate = authorizationGate(ctx, req, id, p)
  if (gate instanceof Response) return gate
  const { user, app, session } = gate
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
