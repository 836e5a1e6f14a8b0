import crypto from "node:crypto"
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

/**
 * The browser's org session. A cookie sealed for one parked authorize request (below) counts only
 * on that request's `/resume` and `/consent`; everywhere else it is no session.
 */
export function currentSession(ctx: EmulatorContext, req: Request): OrgSession | undefined {
  const cookie = sessionIdFrom(ctx, req)
  const session = getSession(ctx.db, cookie, ctx.now())
  if (session || !cookie) return session
  const requestId = parkedRequestNamed(ctx, req)
  const sid = requestId ? unsealForRequest(ctx, cookie, requestId) : undefined
  return sid ? getSession(ctx.db, sid, ctx.now()) : undefined
}

/**
 * A login that only an app's "Relax IP restrictions" let in (the user is outside her Login IP
 * Ranges) is for that app's OAuth flow alone (docs/fidelity.md, F-180): it may finish the one
 * parked authorize request it was for, and is no login for Setup, the Device flow's page or another
 * app's authorize. Its cookie is not the session id but the id sealed (AES-256-GCM) under a key
 * derived from the org's key and that request's id: only a page naming the request can open it,
 * and sent as a plain `sid` it names no session. Nothing else marks the session, so a wrong request
 * or a lost key means "not logged in", never a full session.
 */
const requestKey = (ctx: EmulatorContext, requestId: string) =>
  crypto.createHmac("sha256", ctx.csrfKey).update(`org-request-session-v1\0${requestId}`).digest()

export function sealForRequest(ctx: EmulatorContext, sid: string, requestId: string): string {
  const iv = crypto.randomBytes(12)
  const cipher = crypto.createCipheriv("aes-256-gcm", requestKey(ctx, requestId), iv)
  const sealed = Buffer.concat([cipher.update(sid, "utf8"), cipher.final()])
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString("base64url")
}

function unsealForRequest(ctx: EmulatorContext, cookie: string, requestId: string) {
  if (cookie.length > 256) return undefined
  const raw = Buffer.from(cookie, "base64url")
  // 12 bytes of IV, the sealed id, 16 bytes of GCM tag.
  if (raw.length <= 12 + 16) return undefined
  try {
    const decipher = crypto.createDecipheriv(
      "aes-256-gcm",
      requestKey(ctx, requestId),
      raw.subarray(0, 12),
    )
    decipher.setAuthTag(raw.subarray(-16))
    return Buffer.concat([decipher.update(raw.subarray(12, -16)), decipher.final()]).toString()
  } catch {
    return undefined
  }
}

/**
 * The forms the org's pages posted, by request (interactive/page-form.ts notes each one it reads):
 * `POST /consent` names its parked request in the form. A WeakMap, as client-ip.ts keeps addresses.
 */
const postedForms = new WeakMap<Request, URLSearchParams>()

export function notePostedForm(req: Request, form: URLSearchParams): void {
  postedForms.set(req, form)
}

/**
 * The parked authorize request this page is about: `/resume` and `/consent` name it, in the query
 * (GET) or the posted form (POST), as their handlers read it. No other page completes one: an extra
 * `request=` on authorize or Setup names nothing.
 */
function parkedRequestNamed(ctx: EmulatorContext, req: Request): string | undefined {
  const url = new URL(req.url)
  const paths = [`${ctx.basePath}/resume`, `${ctx.basePath}/consent`]
  if (!paths.includes(url.pathname)) return undefined
  const named =
    req.method === "POST" ? postedForms.get(req)?.get("request") : url.searchParams.get("request")
  return named || undefined
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
