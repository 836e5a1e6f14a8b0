import {
  csrfFor,
  csrfValid,
  currentSession,
  safeStartUrl,
  sessionIdFrom,
  sidCookie,
} from "../browser-session"
import type { EmulatorContext } from "../context"
import { redirect } from "../http"
import { homePage } from "../pages/home-page"
import { LOGIN_FAILED, LOGIN_INACTIVE, LOGIN_LOCKED, loginPage } from "../pages/login-page"
import { createSession, deleteSession } from "../store/sessions"
import { findUserById, findUserByUsername } from "../users"
import { checkPassword } from "./lockout"
import { loginRefusal } from "./login-policy"
import { readPageForm } from "./page-form"

/** `GET /login`: the login form, prefilled from `login_hint` (ignored once logged in, §2.1). */
export function loginGet(ctx: EmulatorContext, req: Request): Response {
  const q = new URL(req.url).searchParams
  const csrf = csrfFor(ctx, req)
  return loginPage({
    basePath: ctx.basePath,
    startUrl: safeStartUrl(ctx, q.get("startURL")),
    csrf: csrf.token,
    username: q.get("login_hint")?.slice(0, 256),
    setCookies: csrf.setCookies,
  })
}

/** `POST /login`: checks the credentials, starts the org session, returns to `startURL`. */
export async function loginPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const read = await readPageForm(ctx, req)
  // An unreadable login post is treated as an empty one: the login page answers with its error.
  const form = read instanceof Response ? new URLSearchParams() : read
  const startUrl = safeStartUrl(ctx, form.get("startURL"))
  const username = (form.get("username") ?? "").slice(0, 256)
  const csrf = csrfFor(ctx, req)
  const again = (error: string, status: number) =>
    loginPage({
      basePath: ctx.basePath,
      startUrl,
      csrf: csrf.token,
      username,
      error,
      status,
      setCookies: csrf.setCookies,
    })
  if (!csrfValid(ctx, req, form)) return again("Your login page expired. Log in again.", 403)
  const user = findUserByUsername(ctx.db, username)
  const check = user ? checkPassword(ctx, user, form.get("password") ?? "") : "wrong"
  if (check === "locked") return again(LOGIN_LOCKED, 403)
  if (!user || check === "wrong") return again(LOGIN_FAILED, 401)
  if (!user.IsActive) return again(LOGIN_INACTIVE, 403)
  const refused = loginRefusal(ctx, req, user, startUrl)
  if (refused) return again(refused.message, refused.status)
  const sid = createSession(ctx.db, user.Id, ctx.now())
  return redirect(startUrl, { "set-cookie": sidCookie(ctx, sid) }, 303)
}

/** `POST /secur/logout.jsp`: ends the org session (Salesforce's logout path). */
export async function logoutPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const read = await readPageForm(ctx, req)
  const form = read instanceof Response ? new URLSearchParams() : read
  if (csrfValid(ctx, req, form)) deleteSession(ctx.db, sessionIdFrom(ctx, req))
  return redirect(`${ctx.basePath}/login`, { "set-cookie": sidCookie(ctx, null) }, 303)
}

/** The login URL itself: the home page when logged in, the login form otherwise. */
export function home(ctx: EmulatorContext, req: Request): Response {
  const session = currentSession(ctx, req)
  const user = session && findUserById(ctx.db, session.userId)
  if (!user) return loginGet(ctx, req)
  const csrf = csrfFor(ctx, req)
  return homePage({ basePath: ctx.basePath, user, csrf: csrf.token, setCookies: csrf.setCookies })
}
