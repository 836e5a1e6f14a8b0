/**
 * The site's Content-Security-Policy and transport headers, built per request (the nonce changes
 * every time). Pure functions: `proxy.ts` applies them; tests read the same builders.
 *
 * Why this policy (OWASP CSP cheat sheet, "strict CSP"; docs/security.md, C-70, C-73):
 * - `script-src 'nonce-…' 'strict-dynamic'`: only scripts Next.js rendered with this response's
 *   nonce run, and the chunks they load. No `'unsafe-inline'`, no host allow-list, no third party.
 *   `'self'` is ignored by browsers that know `'strict-dynamic'` and kept for those that do not.
 * - `frame-ancestors 'none'`: no page of the lab can be framed (clickjacking, RFC 9700 §4.16).
 * - `connect-src 'self'`: the browser talks only to the site; Salesforce is called by the server.
 * - No `form-action`: the flow buttons post to the site, which redirects to the org's login page,
 *   and browsers apply `form-action` to every hop of that redirect (login host, then My Domain).
 *   Listing them would break real orgs whose hosts the lab cannot know in advance.
 * - `style-src 'unsafe-inline'`: React writes `style` attributes; styles cannot run code.
 */
export function contentSecurityPolicy(
  nonce: string,
  opts: { development: boolean; https: boolean },
): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates source maps and refresh code with eval().
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${opts.development ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self'${opts.development ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    ...(opts.https ? ["upgrade-insecure-requests"] : []),
  ]
  return directives.join("; ")
}

/** A fresh 128-bit nonce, base64 (CSP3 §2.3.1: a nonce is base64-value). */
export function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return btoa(String.fromCharCode(...bytes))
}

/** One year, only on https: HSTS on plain http is ignored by browsers and would mislead. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000"
