import { allCookieValues } from "@/lib/http/cookies"
import { sessionCookieName } from "./session-cookie"

/**
 * next-auth 4 refuses a `callbackUrl` (query parameter or its callback-url cookie) that is not an
 * http(s) URL, or a path, by its own rule, and then answers every non-HTML action with a 500
 * "problem with the server configuration" (docs/security.md, C-17). That is the client's mistake:
 * this finds it first, with the same rule, so the route can answer 400.
 */
export function acceptedByNextAuth(url: string, base: string): boolean {
  try {
    return /^https?:/.test(new URL(url, url.startsWith("/") ? base : undefined).protocol)
  } catch {
    return false
  }
}

/** next-auth's callback-url cookie, named like the session cookie (`__Secure-` on https). */
export const callbackUrlCookieName = () =>
  sessionCookieName().replace("session-token", "callback-url")

/** Every value a request gives next-auth as its callback URL: each query value, each cookie value as Next decodes it. */
export function callbackUrlsOf(req: Request): { fromQuery: string[]; fromCookie: string[] } {
  const fromQuery = new URL(req.url).searchParams.getAll("callbackUrl")
  return {
    fromQuery,
    fromCookie: allCookieValues(req.headers.get("cookie"), callbackUrlCookieName()),
  }
}
