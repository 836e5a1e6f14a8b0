import type { EmulatorContext } from "./context"
import { readCookie, serializeCookie } from "@/lib/http/cookies"
import { hashSecret, randomSecret, safeEqual } from "./secrets"
import { getSession, SESSION_TTL_MS, type OrgSession } from "./store/sessions"

/** The emulated Salesforce session cookie, scoped to the org's paths. */
const SID_COOKIE = "sid"
/** Double-submit CSRF token for the org's forms (login, consent, settings, logout). */
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

/** The CSRF token for a page: the browser's existing one, or a new one with its Set-Cookie. */
export function csrfFor(
  ctx: EmulatorContext,
  req: Request,
): { token: string; setCookies: string[] } {
  const existing = readCookie(req.headers.get("cookie"), cookieName(ctx, CSRF_COOKIE))
  if (existing && /^[\w-]{20,64}$/.test(existing)) return { token: existing, setCookies: [] }
  const token = randomSecret(24)
  return {
    token,
    setCookies: [
      serializeCookie(cookieName(ctx, CSRF_COOKIE), token, {
        path: ctx.basePath || "/",
        secure: ctx.secureCookies,
        sameSite: "strict",
      }),
    ],
  }
}

export function csrfValid(ctx: EmulatorContext, req: Request, form: URLSearchParams): boolean {
  const fromCookie = readCookie(req.headers.get("cookie"), cookieName(ctx, CSRF_COOKIE))
  const fromForm = form.get("_csrf")
  return !!fromCookie && !!fromForm && safeEqual(fromCookie, fromForm)
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
    return u.pathname + u.search
  } catch {
    return home
  }
}
