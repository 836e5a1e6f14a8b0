import { parse, serialize } from "cookie"

/**
 * The one place the site and the emulated org read and write cookies, on the `cookie` package
 * (the parser next-auth itself uses), so every cookie is decoded and written by the same rules.
 */

/** Percent-decoding a value that is not valid percent-encoding reads as empty: as if the cookie were not sent. */
function decodeOrEmpty(value: string): string {
  if (!value.includes("%")) return value
  try {
    return decodeURIComponent(value)
  } catch {
    return ""
  }
}

/**
 * Every cookie of a `Cookie` header, by name (RFC 6265 §5.4 syntax, as `cookie.parse` reads it):
 * a repeated name keeps its first value (the browser sends the most specific path first, RFC 6265
 * §5.4 step 2); values are percent-decoded and unquoted; a value that is not valid percent-encoding
 * is dropped, like a missing cookie, so a planted malformed cookie can neither throw nor be read.
 */
export function readCookies(header: string | null | undefined): Record<string, string> {
  const all = parse(header ?? "", { decode: decodeOrEmpty })
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(all))
    if (value !== undefined && value !== "") out[name] = value
  return out
}

/** One cookie's value (see `readCookies`), or undefined when it is absent, empty or malformed. */
export function readCookie(header: string | null | undefined, name: string): string | undefined {
  const all = readCookies(header)
  return Object.hasOwn(all, name) ? all[name] : undefined
}

/**
 * Every value sent under `name`, in order, as Next's request cookies hand them to next-auth:
 * percent-decoded, quotes kept, a value that is not valid percent-encoding kept raw. This is not
 * `cookie.parse`, which keeps only the first value and unquotes it: a check that must judge what
 * next-auth will see (lib/auth/callback-url.ts) looks at every value, exactly as it arrives.
 */
export function allCookieValues(header: string | null | undefined, name: string): string[] {
  const out: string[] = []
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=")
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue
    const raw = part.slice(eq + 1).trim()
    try {
      out.push(decodeURIComponent(raw))
    } catch {
      out.push(raw)
    }
  }
  return out
}

export interface CookieOptions {
  path: string
  /** Seconds; 0 deletes the cookie; absent makes a session cookie. */
  maxAge?: number
  /** Required for `__Secure-`/`__Host-` names (RFC 6265bis §4.1.3). */
  secure: boolean
  sameSite?: "lax" | "strict"
}

/**
 * A `Set-Cookie` value: always HttpOnly (no script of the site reads a cookie), SameSite=Lax unless
 * Strict is asked for, never a Domain (the cookie stays on the host that set it). The value is
 * percent-encoded where needed (sealed JWE values and random ids pass unchanged).
 */
export function serializeCookie(name: string, value: string, opts: CookieOptions): string {
  return serialize(name, value, {
    path: opts.path,
    maxAge: opts.maxAge,
    httpOnly: true,
    sameSite: opts.sameSite ?? "lax",
    secure: opts.secure,
  })
}
