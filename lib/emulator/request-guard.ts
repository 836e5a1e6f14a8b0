import type { EmulatorContext } from "./context"
import { json } from "./http"
import { messagePage } from "./pages/error-page"

/** `host[:port]` as a URL would spell it for the org's scheme (lower case, default port dropped). */
function normaliseHost(protocol: string, raw: string): string | undefined {
  try {
    const u = new URL(`${protocol}//${raw}`)
    return u.username || u.password || u.pathname !== "/" ? undefined : u.host
  } catch {
    return undefined
  }
}

/**
 * The host the browser asked for: the `Host` header (what a DNS-rebound page cannot change), or the
 * request URL's host when the request never crossed a network (the site's in-process calls).
 */
export function requestHost(ctx: EmulatorContext, req: Request): string | undefined {
  const protocol = new URL(ctx.baseUrl).protocol
  const raw = req.headers.get("host") ?? new URL(req.url).host
  return normaliseHost(protocol, raw)
}

/**
 * DNS rebinding defence (docs/security.md, S-94): a page on another name that resolves to the
 * loopback address reaches this server with its own name in `Host`. Only the org's own hosts are
 * answered, with 421 Misdirected Request (RFC 9110 §15.5.20) for any other.
 */
export function misdirected(
  ctx: EmulatorContext,
  req: Request,
  path: string,
): Response | undefined {
  const host = requestHost(ctx, req)
  if (host && ctx.allowedHosts.has(host)) return undefined
  const message = `This org answers only at ${ctx.baseUrl}: the request named another host.`
  if (path.includes("/services/oauth2/"))
    return json({ error: "invalid_request", error_description: message }, 421)
  if (path.includes("/services/") || path.includes("/id/"))
    return json([{ errorCode: "MISDIRECTED_REQUEST", message }], 421)
  return messagePage(ctx.basePath, "Wrong address", message, 421)
}

/**
 * The org's page forms (login, consent, logout, settings) must be posted from its own pages
 * (docs/security.md, S-13; OWASP CSRF cheat sheet, "Verifying origin with standard headers"): a
 * foreign `Origin` is refused, and without one the browser's `Sec-Fetch-Site` must say same-origin,
 * as the site's own POSTs are checked (lib/http/respond.ts `fromSameOrigin`). The org's pages send
 * `Referrer-Policy: no-referrer`, under which browsers post even a same-origin form with
 * `Origin: null` (Fetch standard, "append a request Origin header"): `null` names no origin, so
 * it too is decided by `Sec-Fetch-Site`, which a page cannot set.
 */
export function crossSitePost(ctx: EmulatorContext, req: Request): Response | undefined {
  const raw = req.headers.get("origin")
  const origin = raw === "null" ? null : raw
  const same = origin
    ? ctx.allowedOrigins.has(origin.toLowerCase())
    : req.headers.get("sec-fetch-site") === "same-origin"
  if (same) return undefined
  return messagePage(
    ctx.basePath,
    "Page expired",
    "This form was not sent from the org's own page. Go back to the application and start again.",
    403,
  )
}
