import type { EmulatorContext } from "./context"
import { cookie, parseCookies } from "./http"
import { hashSecret, randomSecret, safeEqual } from "./secrets"
import { getSession, SESSION_TTL_MS, type OrgSession } from "./store/sessions"

/** The emulated Salesforce session cookie, scoped to the org's paths. */
export const SID_COOKIE = "sid"
/** Double-submit CSRF token for the org's forms (login, consent, settings, logout). */
export const CSRF_COOKIE = "org_csrf"

export function currentSession(ctx: EmulatorContext, req: Request): OrgSession | undefined {
  return getSession(ctx.db, parseCookies(req).get(SID_COOKIE), ctx.now())
}

/** Identifies the browser's current org session without keeping the secret itself. */
export function sessionFingerprint(req: Request): string | undefined {
  const sid = parseCookies(req).get(SID_COOKIE)
  return sid ? hashSecret(sid) : undefined
}

export function sidCookie(ctx: EmulatorContext, sid: string | null): string {
  return cookie(SID_COOKIE, sid ?? "", { path: ctx.basePath || "/", secure: ctx.secureCookies, maxAge: sid ? SESSION_TTL_MS / 1000 : 0 })
}

/** The CSRF token for a page: the browser's existing one, or a new one with its Set-Cookie. */
export function csrfFor(ctx: EmulatorContext, req: Request): { token: string; setCookies: string[] } {
  const existing = parseCookies(req).get(CSRF_COOKIE)
  if (existing && /^[\w-]{20,64}$/.test(existing)) return { token: existing, setCookies: [] }
  const token = randomSecret(24)
  return {
    token,
    setCookies: [cookie(CSRF_COOKIE, token, { path: ctx.basePath || "/", secure: ctx.secureCookies, sameSite: "Strict" })],
  }
}

export function csrfValid(req: Request, form: URLSearchParams): boolean {
  const fromCookie = parseCookies(req).get(CSRF_COOKIE)
  const fromForm = form.get("_csrf")
  return !!fromCookie && !!fromForm && safeEqual(fromCookie, fromForm)
}

/** Only paths inside the org may follow a login, never another site (no open redirect). */
export function safeStartUrl(ctx: EmulatorContext, raw: string | null | undefined): string {
  const home = `${ctx.basePath}/`
  if (!raw || raw.length > 4096 || !raw.startsWith("/") || raw.startsWith("//") || raw.includes("\\")) return home
  try {
    const u = new URL(raw, ctx.baseUrl)
    if (u.origin !== new URL(ctx.baseUrl).origin || !(u.pathname === ctx.basePath || u.pathname.startsWith(home))) return home
    return u.pathname + u.search
  } catch {
    return home
  }
}
