import "server-only"
import NextAuth from "next-auth"
import { authOptions } from "./options"

/**
 * next-auth's App Router handler. next-auth 4 parses a JSON body itself and throws on a malformed
 * one; that is the client's mistake, so it gets a 400 instead of a 500.
 */
export async function nextAuthRoute(req: Request, ctx: { params: Promise<{ nextauth: string[] }> }): Promise<Response> {
  const bad = badCallbackUrl(req)
  if (bad) return bad
  try {
    return await NextAuth(req as never, ctx as never, authOptions())
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof TypeError) {
      return Response.json({ error: "invalid_request", error_description: "the request body is not valid for this endpoint" }, { status: 400 })
    }
    throw e
  }
}

/** next-auth's own rule for a callback URL (core/lib/assert.ts): http(s), absolute or a path. */
function isHttpUrl(value: string, base: string): boolean {
  try {
    return /^https?:$/.test(new URL(value, value.startsWith("/") ? base : undefined).protocol)
  } catch {
    return false
  }
}

const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"]

/**
 * next-auth 4 answers a malformed `callbackUrl` (query or cookie) with a 500 "server configuration"
 * error on every non-page action (`/api/auth/session?callbackUrl=http://[`). It is the client's input,
 * so it gets a 400, and a bad callback-url cookie is deleted (security-tests.md C-16, C-17).
 */
function badCallbackUrl(req: Request): Response | undefined {
  const url = new URL(req.url)
  const query = url.searchParams.get("callbackUrl")
  const cookies = (req.headers.get("cookie") ?? "").split(";").map((c) => c.trim().split("="))
  const badCookies = cookies.filter(([k, ...v]) => {
    if (!CALLBACK_COOKIES.includes(k ?? "")) return false
    try {
      return !isHttpUrl(decodeURIComponent(v.join("=")), url.origin)
    } catch {
      return true
    }
  })
  if ((query === null || isHttpUrl(query, url.origin)) && !badCookies.length) return undefined
  const headers = new Headers({ "cache-control": "no-store" })
  for (const [k] of badCookies) headers.append("set-cookie", `${k}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax`)
  return Response.json({ error: "invalid_request", error_description: "callbackUrl is not an http(s) URL" }, { status: 400, headers })
}
