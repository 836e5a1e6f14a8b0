import type { EmulatorContext } from "./context"
import { readCookie, serializeCookie } from "@/lib/http/cookies"
import { csrfToken, csrfTokenValid, type CsrfBinding } from "./csrf"
import { hashSecret, randomSecret } from "./secrets"
import { getSession, SESSION_TTL_MS, type OrgSession } from "./store/sessions"

/** The emulated Salesforce session cookie, scoped to the org's paths. */
const SID_COOKIE = "sid"
/**
 * A random per-browser id that the forms' CSRF tokens are bound to before there is an org session
 * (the login form). It is not the token: the token is an HMAC of it under the org's key.
 */
const CSRF_COOKIE = "org_csrf"

/**
 * On https the org's cookies take the `__Secure-` prefix, so a plain-http response (or a sibling
 * host) cannot set them (RFC 6265bis §4.1.3.1). `__Host-` would need `Path=/`, and these cookies
 * are scoped to the org's own paths.
 */
const cookieName = (ctx: EmulatorContext, name: string) =>
  ctx.secureCookies ? `__Secure-${name}` : name

/** The raw org session id the browser sent, if any. */
export const sessionIdFrom = (ctx: EmulatorContext, req: Request) =>
  readCookie(req.headers.get("cookie"), cookieName(ctx, SID_COOKIE))

export function currentSession(ctx: EmulatorContext, req: Request): OrgSession | undefined {
  return getSession(ctx.db, sessionIdFrom(ctx, req), ctx.now())
}

/** Identifies the browser's current org session without keeping the secret itself. */
export function sessionFingerprint(ctx: EmulatorContext, req: Request): string | undefined {
  const sid = sessionIdFrom(ctx, req)
  return sid ? hashSecret(sid) : undefined
}

export function sidCookie(ctx: EmulatorContext, sid: string | null): string {
  return serializeCookie(cookieName(ctx, SID_COOKIE), sid ?? "", {
    path: ctx.basePath || "/",
    secure: ctx.secureCookies,
    maxAge: sid ? SESSION_TTL_MS / 1000 : 0,
  })
}

/** The browser's random pre-session id, if it sent one of the shape the org makes. */
function browserIdFrom(ctx: EmulatorContext, req: Request): string | undefined {
  const id = readCookie(req.headers.get("cookie"), cookieName(ctx, CSRF_COOKIE))
  return id && /^[\w-]{32}$/.test(id) ? id : undefined
}

/**
 * What this browser's form tokens are bound to: its live org session, else its pre-session id
 * (docs/security.md, S-13). A token is an HMAC of this under the org's key, never a cookie's value.
 */
function csrfBinding(ctx: EmulatorContext, req: Request): CsrfBinding | undefined {
  const sid = currentSession(ctx, req) ? sessionIdFrom(ctx, req) : undefined
  if (sid) return { kind: "session", value: sid }
  const id = browserIdFrom(ctx, req)
  return id ? { kind: "browser", value: id } : undefined
}

/** The CSRF token for a page, with the Set-Cookie of a new pre-session id when the browser has none. */
export function csrfFor(
  ctx: EmulatorContext,
  req: Request,
): { token: string; setCookies: string[] } {
  const bound = csrfBinding(ctx, req)
  if (bound) return { token: csrfToken(ctx.csrfKey, bound), setCookies: [] }
  const id = randomSecret(24)
  return {
    token: csrfToken(ctx.csrfKey, { kind: "browser", value: id }),
    setCookies: [
      serializeCookie(cookieName(ctx, CSRF_COOKIE), id, {
        path: ctx.basePath || "/",
        secure: ctx.secureCookies,
        sameSite: "strict",
      }),
    ],
  }
}

/** The posted `_csrf` must be this browser session's token (constant-time comparison). */
export function csrfValid(ctx: EmulatorContext, req: Request, form: URLSearchParams): boolean {
  const bound = csrfBinding(ctx, req)
  return !!bound && csrfTokenValid(ctx.csrfKey, bound, form.get("_csrf"))
}

/** Only paths inside the org may follow a login, never another site (no open redirect). */
export function safeStartUrl(ctx: EmulatorContext, raw: string | null | undefined): string {
  const home = `${ctx.basePath}/`
  if (
    !raw ||
    raw.length > 4096 ||
    !raw.startsWith("/") ||
    raw.startsWith("//") ||
    raw.includes("\\")
  )
    return home
  try {
    const u = new URL(raw, ctx.baseUrl)
    if (
      u.origin !== new URL(ctx.baseUrl).origin ||
      !(u.pathname === ctx.basePath || u.pathname.startsWith(home))
    )
      return home
    // Dot segments can leave `//host` behind (`/.//evil.example`), another host as a bare path: at a
    // root origin (basePath "") it passed the prefix check above (docs/security.md, S-200, C-74).
    const path = u.pathname + u.search
    return new URL(path, ctx.baseUrl).origin === u.origin ? path : home
  } catch {
    return home
  }
}
