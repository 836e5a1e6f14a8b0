import { html, type SafeHtml } from "./html"

/**
 * Security headers of every page the org renders: no framing (S-13), no script at all, styles only
 * from the org itself, no referrer leaking codes or tokens.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html;charset=UTF-8",
  "cache-control": "no-store",
  "content-security-policy":
    "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

/** A whole page: the org's banner and stylesheet around `body`, which only `html` can make. */
export function page(opts: {
  basePath: string
  title: string
  body: SafeHtml
  status?: number
  wide?: boolean
  setCookies?: string[]
}): Response {
  const markup = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${opts.title} | Embedded Salesforce org</title>
<link rel="stylesheet" href="${opts.basePath}/static/org.css">
</head>
<body>
<header class="org-banner"><span class="org-logo" aria-hidden="true">☁</span> <span>Embedded Salesforce org</span> <span class="org-note">emulated, for Salesforce OAuth Lab</span></header>
<main class="org-main${opts.wide && " wide"}">
${opts.body}
</main>
</body>
</html>`
  const headers = new Headers(PAGE_HEADERS)
  for (const c of opts.setCookies ?? []) headers.append("set-cookie", c)
  return new Response(markup.toString(), { status: opts.status ?? 200, headers })
}

export const csrfField = (token: string) =>
  html`<input type="hidden" name="_csrf" value="${token}">`
