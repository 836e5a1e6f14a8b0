import "server-only"
import NextAuth from "next-auth"
import { NextRequest } from "next/server"
import { getConfig } from "@/lib/config/env"
import { readLimitedBytes, SITE_FORM_BYTES } from "@/lib/http/read-limited"
import { acceptedByNextAuth, callbackUrlCookieName, callbackUrlsOf } from "./callback-url"
import { authOptions } from "./options"
import { cookieString } from "./session-cookie"

const invalid = (description: string, setCookies: string[] = [], status = 400) => {
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" })
  for (const c of setCookies) headers.append("set-cookie", c)
  return new Response(
    JSON.stringify({ error: "invalid_request", error_description: description }),
    { status, headers },
  )
}

/**
 * next-auth's App Router handler, with the client's mistakes answered as 400s instead of 500s:
 * a malformed JSON body (next-auth parses it itself and throws), a callbackUrl next-auth would
 * refuse with a 500 (a bad cookie is also cleared, so the browser is not stuck with it), and
 * next-auth's own 400s whose body is not text anyone can read (a refused session update comes
 * out as "[object Object]").
 */
export async function nextAuthRoute(
  req: Request,
  ctx: { params: Promise<{ nextauth: string[] }> },
): Promise<Response> {
  const base = getConfig().siteUrl
  const { fromQuery, fromCookie } = callbackUrlsOf(req)
  if (fromQuery.some((u) => !acceptedByNextAuth(u, base)))
    return invalid("callbackUrl must be a path or an http(s) URL")
  if (fromCookie.some((u) => !acceptedByNextAuth(u, base))) {
    return invalid(
      "the callback-url cookie does not hold a path or an http(s) URL; it was cleared",
      [cookieString(callbackUrlCookieName(), "", 0)],
    )
  }
  // next-auth reads a POST body whole (req.json(), req.text()): it gets one read here first, at most
  // SITE_FORM_BYTES like every other POST of the site, and a larger one never reaches it (C-71).
  let forward = req
  if (req.method === "POST") {
    const body = await readLimitedBytes(req, SITE_FORM_BYTES)
    if (!body) return invalid(`the request body is over ${SITE_FORM_BYTES / 1024} KB`, [], 413)
    forward = new NextRequest(req.url, {
      method: "POST",
      headers: req.headers,
      body: new Uint8Array(body),
    })
  }
  let res: Response
  try {
    res = await NextAuth(forward as never, ctx as never, authOptions())
  } catch (e) {
    if (e instanceof SyntaxError || e instanceof TypeError)
      return invalid("the request body is not valid for this endpoint")
    throw e
  }
  if (res.status === 400 && !(res.headers.get("content-type") ?? "").includes("json")) {
    const text = (await res.text()).trim()
    return invalid(
      text && text !== "[object Object]"
        ? text
        : "next-auth refused this request (a POST needs its CSRF token)",
      res.headers.getSetCookie(),
    )
  }
  return res
}
