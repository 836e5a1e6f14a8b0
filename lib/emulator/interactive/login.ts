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
import { deleteSession } from "../store/sessions"
import { findUserById, findUserByUsername } from "../users"
import { checkPassword } from "./lockout"
import { loginVerdict, openSession } from "./login-policy"
import { readPageForm } from "./page-form"

/** The login form with this browser's CSRF token, and what went wrong, if anything. */
export function loginForm(
  ctx: EmulatorContext,
  req: Request,
  o: { startUrl: string; username?: string; error?: string; status?: number },
): Response {
  const csrf = csrfFor(ctx, req)
  return loginPage({ basePath: ctx.basePath, csrf: csrf.token, setCookies: csrf.setCookies, ...o })
}

/** `GET /login`: the login form, prefilled from `login_hint` (ignored once logged in, §2.1). */
export function loginGet(ctx: EmulatorContext, req: Request): Response {
  const q = new URL(req.url).searchParams
  return loginForm(ctx, req, {
    startUrl: safeStartUrl(ctx, q.get("startURL")),
    username: q.get("login_hint")?.slice(0, 256),
  })
}

/** `POST /login`: checks the credentials, starts the org session, returns to `startURL`. */
export async function loginPost(ctx: EmulatorContext, req: Request): Promise<Response> {
  const read = await readPageForm(ctx, req)
  // An unreadable login post is treated as an empty one: the login page answers with its error.
  const form = read instanceof Response ? new URLSearchParams() : read
  const startUrl = safeStartUrl(ctx, form.get("startURL"))
  const username = (form.get("username") ?? "").slice(0, 256)
  const again = (error: string, status: number) =>
    loginForm(ctx, req, { startUrl, username, error, status })
  if (!csrfValid(ctx, req, form)) return again("Your login page expired. Log in again.", 403)
  const user = findUserByUsername(ctx.db, username)
  const check = user ? checkPassword(ctx, user, form.get("password") ?? "") : "wrong"
  if (check === "locked") return again(LOGIN_LOCKED, 403)
  if (!user || check === "wrong") return again(LOGIN_FAILED, 401)
  if (!user.IsActive) return again(LOGIN_INACTIVE, 403)
  const verdict = loginVerdict(ctx, req, user, startUrl)
  if (!verdict.ok) return again(verdict.message, verdict.status)
  return redirect(startUrl, { "set-cookie": openSession(ctx, user.Id, verdict.onlyFor) }, 303)
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
