import crypto from "node:crypto"
import { siteUrlFrom } from "@/lib/config/site-url"
import { readCookie, serializeCookie } from "./cookies"

/**
 * The operator gate (docs/security.md, C-81): when `LAB_ACCESS_PASSWORD` is set, every page and route
 * of the site first asks for it, once per browser. This file holds no secret of its own (the caller
 * passes the environment's values) and imports nothing `server-only`, so `proxy.ts` can use it.
 */

/** The cookie a browser that gave the passphrase carries (HttpOnly, SameSite=Lax; `__Secure-` on https). */
export const LAB_ACCESS_COOKIE = "lab_access"
/** How long one entry lasts: "once per browser", within reason. */
export const LAB_ACCESS_MAX_AGE_S = 30 * 24 * 60 * 60

export const labAccessCookieName = (https: boolean) =>
  https ? `__Secure-${LAB_ACCESS_COOKIE}` : LAB_ACCESS_COOKIE

/**
 * The MAC key, derived with HKDF (RFC 5869) from the passphrase itself, salted with NEXTAUTH_SECRET
 * when there is one: changing the passphrase (or the secret) invalidates every cookie. Without
 * NEXTAUTH_SECRET, forging a cookie needs the passphrase, which opens the gate anyway.
 */
let cachedKey: { passphrase: string; secret: string | undefined; key: Buffer } | undefined
function keyFor(passphrase: string, secret: string | undefined): Buffer {
  // proxy.ts checks the cookie on every request: derive the key once per passphrase and secret.
  if (cachedKey?.passphrase !== passphrase || cachedKey.secret !== secret) {
    const key = crypto.hkdfSync(
      "sha256",
      passphrase,
      secret ?? "",
      "salesforce-oauth-lab lab-access",
      32,
    )
    cachedKey = { passphrase, secret, key: Buffer.from(key) }
  }
  return cachedKey.key
}

const mac = (key: Buffer, message: string) =>
  crypto.createHmac("sha256", key).update(message).digest("base64url")

/** The cookie's value: `v1.<expiry in seconds>.<HMAC-SHA256 of both>`. */
export function labAccessValue(
  passphrase: string,
  secret: string | undefined,
  nowS = Math.floor(Date.now() / 1000),
): string {
  const exp = nowS + LAB_ACCESS_MAX_AGE_S
  return `v1.${exp}.${mac(keyFor(passphrase, secret), `lab-access v1.${exp}`)}`
}

/** True when `value` was made by `labAccessValue` with this passphrase and secret and has not expired. */
export function labAccessValid(
  value: string | undefined,
  passphrase: string,
  secret: string | undefined,
  nowS = Math.floor(Date.now() / 1000),
): boolean {
  const m = /^v1\.(\d{1,12})\.([\w-]{43})$/.exec(value ?? "")
  if (!m || Number(m[1]) <= nowS) return false
  const expected = Buffer.from(mac(keyFor(passphrase, secret), `lab-access v1.${m[1]}`))
  const given = Buffer.from(m[2]!)
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

/**
 * Compares a submitted passphrase with the configured one in constant time: both sides are HMACed
 * first, so the comparison sees two equal-length digests whatever their lengths (timingSafeEqual
 * alone would throw, and leak, on a length difference).
 */
export function passphraseMatches(given: string, passphrase: string): boolean {
  const key = crypto.randomBytes(32)
  const a = crypto.createHmac("sha256", key).update(given).digest()
  const b = crypto.createHmac("sha256", key).update(passphrase).digest()
  return crypto.timingSafeEqual(a, b)
}

export function labAccessSetCookie(value: string, https: boolean): string {
  return serializeCookie(labAccessCookieName(https), value, {
    path: "/",
    maxAge: LAB_ACCESS_MAX_AGE_S,
    secure: https,
  })
}

/** Whether the request's cookie header carries a valid entry. */
export function hasLabAccess(
  cookieHeader: string | null,
  https: boolean,
  passphrase: string,
  secret: string | undefined,
): boolean {
  return labAccessValid(readCookie(cookieHeader, labAccessCookieName(https)), passphrase, secret)
}

/** Paths outside the gate: the gate itself, the embedded org's pages, the health check, the icons. */
export function exemptFromGate(pathname: string): boolean {
  return (
    pathname === "/lab-access" ||
    pathname.startsWith("/lab-access/") ||
    pathname === "/emulator" ||
    pathname.startsWith("/emulator/") ||
    pathname.startsWith("/_next/static/") ||
    pathname === "/api/health" ||
    pathname === "/favicon.ico" ||
    pathname === "/icon.svg"
  )
}

/**
 * The answer to a request without a valid entry: a page navigation (GET or HEAD asking for HTML,
 * outside /api) goes to the gate's page on `siteUrl` (Next wants an absolute URL from the proxy) with
 * where it was going; anything else gets a 401 JSON error.
 */
export function labAccessRequired(req: Request, siteUrl: string): Response {
  const url = new URL(req.url)
  const headers = { "cache-control": "no-store" }
  const page =
    (req.method === "GET" || req.method === "HEAD") &&
    !url.pathname.startsWith("/api/") &&
    url.pathname !== "/inspector/reveal" &&
    (req.headers.get("accept") ?? "").includes("text/html")
  if (page) {
    const next = encodeURIComponent(url.pathname + url.search)
    return new Response(null, {
      status: 303,
      headers: { ...headers, location: `${siteUrl}/lab-access?next=${next}` },
    })
  }
  return Response.json(
    {
      error: "lab_access_required",
      error_description:
        "This lab asks for its operator passphrase (LAB_ACCESS_PASSWORD) first: open /lab-access in a browser and enter it.",
    },
    { status: 401, headers },
  )
}

/**
 * Wrong attempts, counted for the whole site in a fixed window: at most `WRONG_LIMIT` per
 * `WINDOW_MS`, then 429 until the window ends. Global rather than per client IP because behind
 * `next start` the only client address the route sees is a header the client writes itself; the
 * cost is that a guesser can hold the gate shut for a window, which for a lab is the right trade.
 * In memory: one process, reset on restart.
 */
export const WRONG_LIMIT = 10
export const WINDOW_MS = 60_000
let window = { start: 0, wrong: 0 }

export function attemptsBlocked(now = Date.now()): boolean {
  if (now - window.start >= WINDOW_MS) window = { start: now, wrong: 0 }
  return window.wrong >= WRONG_LIMIT
}

export function recordWrongAttempt(now = Date.now()): void {
  if (now - window.start >= WINDOW_MS) window = { start: now, wrong: 0 }
  window.wrong++
}

export function resetAttempts(): void {
  window = { start: 0, wrong: 0 }
}

/** The gate's settings from the environment, read the same way by `proxy.ts` and the gate's route; undefined when the gate is off. */
export function labAccessSettings(
  env: Readonly<Record<string, string | undefined>> = process.env,
): { passphrase: string; secret: string | undefined; https: boolean } | undefined {
  const passphrase = env.LAB_ACCESS_PASSWORD?.trim()
  if (!passphrase) return undefined
  return {
    passphrase,
    secret: env.NEXTAUTH_SECRET?.trim() || undefined,
    https: (env.NEXTAUTH_URL ?? "").trim().startsWith("https:"),
  }
}

/** Undefined when the request may go on (gate off, exempt path, valid cookie); otherwise the answer. */
export function labAccessGate(req: Request, pathname: string): Response | undefined {
  const gate = labAccessSettings()
  if (!gate || exemptFromGate(pathname)) return undefined
  if (hasLabAccess(req.headers.get("cookie"), gate.https, gate.passphrase, gate.secret))
    return undefined
  return labAccessRequired(req, siteUrlFrom(process.env.NEXTAUTH_URL))
}
