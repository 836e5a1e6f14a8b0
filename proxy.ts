import { NextResponse, type NextRequest } from "next/server"
import { siteUrlFrom } from "@/lib/config/site-url"
import { methodNotAllowed, SITE_METHODS } from "@/lib/http/method-not-allowed"
import {
  contentSecurityPolicy,
  newNonce,
  STRICT_TRANSPORT_SECURITY,
} from "@/lib/http/security-headers"
import { labAccessGate } from "@/lib/http/lab-access"
import { wrongHost } from "@/lib/http/site-host"

const refuseMethod = methodNotAllowed(...SITE_METHODS)

/**
 * Every page and route of the site gets a Content-Security-Policy with a fresh nonce. Next.js reads
 * the policy from the request headers and puts the nonce on the scripts it renders (its docs,
 * "Content Security Policy": nonces need dynamically rendered pages, see app/layout.tsx).
 * The static headers (nosniff, Referrer-Policy, Permissions-Policy, …) are in next.config.js.
 * The embedded org sets its own, stricter, headers (lib/emulator/http-headers.ts).
 */
export function proxy(req: NextRequest) {
  // DNS rebinding (docs/security.md, C-80): only the host of NEXTAUTH_URL is answered, before anything else.
  const misdirected = wrongHost(req, siteUrlFrom(process.env.NEXTAUTH_URL))
  if (misdirected) return misdirected
  // No page or route of the site takes PUT, DELETE, OPTIONS…: say so clearly, instead of Next's bare 405/400.
  if (!(SITE_METHODS as readonly string[]).includes(req.method)) return refuseMethod(req)
  // The operator gate (C-81): with LAB_ACCESS_PASSWORD set, nothing but the gate's own page is served
  // to a browser that has not given it.
  const gated = labAccessGate(req, req.nextUrl.pathname)
  if (gated) return gated
  const nonce = newNonce()
  const https = (process.env.NEXTAUTH_URL ?? "").startsWith("https:")
  const csp = contentSecurityPolicy(nonce, {
    development: process.env.NODE_ENV === "development",
    https,
  })
  const requestHeaders = new Headers(req.headers)
  requestHeaders.set("content-security-policy", csp)
  const res = NextResponse.next({ request: { headers: requestHeaders } })
  res.headers.set("content-security-policy", csp)
  if (https) res.headers.set("strict-transport-security", STRICT_TRANSPORT_SECURITY)
  return res
}

export const config = {
  // Not the build's static files (no HTML, nothing to nonce) nor the embedded org (its own headers).
  // Both stay outside the host check (C-80) too: `/_next/static` and `/_next/image` serve the public
  // build output (the same for every install, no secrets, nothing a rebound page could not download from
  // the repository), and the org refuses foreign hosts itself, answering in its own error shapes (S-94).
  // `/api/auth` and every other page and route are matched.
  matcher: ["/((?!_next/static|_next/image|emulator(?:/|$)).*)"],
}
