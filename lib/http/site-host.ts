/**
 * DNS rebinding defence for the site (docs/security.md, C-80). A page on `evil.example` whose name
 * is re-pointed at 127.0.0.1 reaches this server as a same-origin request of its own, and could read
 * the inspector's tokens or `/api/auth/session`. The browser still sends the name it asked for in
 * `Host`, which that page cannot change (Fetch standard, forbidden request-header names): so the site
 * answers only requests naming the host of its own URL (`NEXTAUTH_URL`), as the embedded org does for
 * itself (lib/emulator/request-guard.ts, S-94).
 */

/** `host[:port]` as a URL would spell it for `protocol` (lower case, default port dropped). */
function normaliseHost(protocol: string, raw: string): string | undefined {
  try {
    const u = new URL(`${protocol}//${raw}`)
    return u.username || u.password || u.pathname !== "/" ? undefined : u.host
  } catch {
    return undefined
  }
}

/**
 * The host the browser asked for: the `Host` header, or the request URL's host when there is none (a
 * request that never crossed a network). Not the URL alone: under `next start` it is rebuilt from the
 * server's listen address, whatever the browser asked for.
 */
export function requestHost(req: Request, protocol: string): string | undefined {
  return normaliseHost(protocol, req.headers.get("host") ?? new URL(req.url).host)
}

/**
 * Undefined when `req` names the host of `siteUrl`; otherwise the answer for it: 421 Misdirected
 * Request (RFC 9110 §15.5.20), a JSON error naming the URL to open, or a short page saying the same
 * to a browser navigating there. Never echoes the foreign host back.
 */
export function wrongHost(req: Request, siteUrl: string): Response | undefined {
  const site = new URL(siteUrl)
  if (requestHost(req, site.protocol) === site.host) return undefined
  const description = `This site answers only at ${site.origin} (host ${site.host}): open ${site.origin}/ instead.`
  const headers = {
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  }
  if ((req.headers.get("accept") ?? "").includes("text/html")) {
    // Only the configured origin goes into the page, and URL.origin cannot hold markup characters.
    const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Wrong address</title><h1>Wrong address</h1><p>This site answers only at <a href="${site.origin}/">${site.origin}</a> (the host of NEXTAUTH_URL). Open that address instead.</p></html>`
    return new Response(page, {
      status: 421,
      headers: { ...headers, "content-type": "text/html; charset=utf-8" },
    })
  }
  return Response.json(
    { error: "misdirected_request", error_description: description },
    { status: 421, headers },
  )
}
