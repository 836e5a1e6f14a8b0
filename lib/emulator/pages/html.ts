/** Escapes text for HTML element content and quoted attributes (S-95: no reflected markup). */
export function esc(value: unknown): string {
  return String(value ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
}

/**
 * Security headers of every page the org renders: no framing (S-13), no script at all, styles only
 * from the org itself, no referrer leaking codes or tokens.
 */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "content-type": "text/html;charset=UTF-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; frame-ancestors 'none'",
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
}

export function page(opts: { basePath: string; title: string; body: string; status?: number; wide?: boolean; setCookies?: string[] }): Response {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title)} | Embedded Salesforce org</title>
<link rel="stylesheet" href="${esc(opts.basePath)}/static/org.css">
</head>
<body>
<header class="org-banner"><span class="org-logo" aria-hidden="true">☁</span> <span>Embedded Salesforce org</span> <span class="org-note">emulated, for Salesforce OAuth Lab</span></header>
<main class="org-main${opts.wide ? " wide" : ""}">
${opts.body}
</main>
</body>
</html>`
  const headers = new Headers(PAGE_HEADERS)
  for (const c of opts.setCookies ?? []) headers.append("set-cookie", c)
  return new Response(html, { status: opts.status ?? 200, headers })
}

export const csrfField = (token: string) => `<input type="hidden" name="_csrf" value="${esc(token)}">`
