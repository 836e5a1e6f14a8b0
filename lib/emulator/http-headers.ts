/**
 * Headers every response of the embedded org carries, whatever produced it (a page, JSON, a
 * redirect, an error). Pages already send a stricter set (pages/layout.ts PAGE_HEADERS, which allows
 * the org's stylesheet); anything a handler set itself wins. Nothing the org serves is a document
 * that needs script or may be framed (docs/security.md, S-13, C-73; OWASP HTTP headers cheat sheet).
 */
const BASELINE: Readonly<Record<string, string>> = {
  "content-security-policy": "default-src 'none'; base-uri 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

export function withOrgHeaders(res: Response): Response {
  const missing = Object.entries(BASELINE).filter(([k]) => !res.headers.has(k))
  if (!missing.length) return res
  // Redirects made with Response.redirect() have immutable headers: copy into a new response.
  const headers = new Headers(res.headers)
  for (const [k, v] of missing) headers.set(k, v)
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers })
}
