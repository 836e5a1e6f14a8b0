import "server-only"
import { getConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"

/** Where a step sends the browser next (a site path), with every cookie it sets on the way. */
export interface Redirect {
  location: string
  cookies: string[]
}

/** A 303 to `location` (a site path) that sets every cookie of the step. */
export function redirectResponse(r: Redirect, extraHeaders: Record<string, string> = {}): Response {
  const headers = new Headers({
    location: r.location,
    "cache-control": "no-store",
    ...extraHeaders,
  })
  for (const c of r.cookies) headers.append("set-cookie", c)
  return new Response(null, { status: 303, headers })
}

/**
 * CSRF defence for the site's state-changing POSTs: the browser's Origin (or Sec-Fetch-Site) must
 * say the request comes from the site itself (OWASP "verifying origin with standard headers"). The
 * session cookie is SameSite=Lax as a second line.
 */
export function fromSameOrigin(req: Request): boolean {
  const origin = req.headers.get("origin")
  if (origin) return origin === new URL(getConfig().siteUrl).origin
  return req.headers.get("sec-fetch-site") === "same-origin"
}

export function forbidden(): Response {
  return new Response("This form must be submitted from the site itself.", {
    status: 403,
    headers: { "content-type": "text/plain;charset=UTF-8" },
  })
}

/**
 * With an invalid configuration nothing can be sealed, opened or even cleared (a cookie's name
 * depends on NEXTAUTH_URL), so the browser goes to /setup, which lists the problems: a 303, never a
 * 500 (docs/security.md, C-53). Undefined when the configuration is valid.
 */
export function toSetupIfMisconfigured(
  extraHeaders: Record<string, string> = {},
): Response | undefined {
  try {
    getConfig()
  } catch (e) {
    if (e instanceof ConfigError)
      return redirectResponse({ location: "/setup", cookies: [] }, extraHeaders)
    throw e
  }
  return undefined
}

/**
 * The gate in front of every state-changing POST: the configuration gate above (C-53), then the
 * request must come from the site's own origin.
 */
export function refusePost(req: Request): Response | undefined {
  return toSetupIfMisconfigured() ?? (fromSameOrigin(req) ? undefined : forbidden())
}
