import { html, type SafeHtml } from "../emulator/pages/html"
import { PAGE_HEADERS } from "../emulator/pages/layout"
import { IDP_USERS } from "./users"

/** The authorization request, carried through the login form in hidden fields. */
export interface PendingAuthorization {
  client_id: string
  redirect_uri: string
  state: string
  nonce: string
  scope: string
  code_challenge: string
}

/**
 * A plain HTML page, with no script and no stylesheet, under the same security headers as the
 * embedded org's pages (lib/emulator/pages/layout.ts: no framing, no script, no referrer). No
 * `form-action`: browsers apply it to the redirect after the login post, which goes to the site.
 */
export function idpPage(title: string, body: SafeHtml, status = 200, setCookies: string[] = []) {
  const markup = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} | Lab identity provider</title>
</head>
<body>
<header><p><strong>Lab identity provider</strong>: an external IdP (not Salesforce), for the Token Exchange flow</p></header>
<main>
${body}
</main>
</body>
</html>`
  const headers = new Headers(PAGE_HEADERS)
  for (const c of setCookies) headers.append("set-cookie", c)
  return new Response(markup.toString(), { status, headers })
}

export function loginPage(
  pending: PendingAuthorization,
  csrf: string,
  opts: { error?: string; setCookies?: string[] } = {},
): Response {
  const fields = { ...pending, response_type: "code", code_challenge_method: "S256" }
  const hidden = Object.entries(fields).map(
    ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
  )
  const users = IDP_USERS.map(
    (u) => html`<li><code>${u.username}</code> / <code>${u.password}</code>: ${u.note}</li>`,
  )
  return idpPage(
    "Sign in",
    html`<h1>Sign in to the lab identity provider</h1>
${opts.error ? html`<p role="alert">${opts.error}</p>` : ""}
<form method="post" action="/login">
<input type="hidden" name="_csrf" value="${csrf}">
${hidden}
<p><label for="username">Username</label><br><input id="username" name="username" type="text" autocomplete="username" required></p>
<p><label for="password">Password</label><br><input id="password" name="password" type="password" autocomplete="current-password" required></p>
<p><button type="submit">Sign in</button></p>
</form>
<h2>Users of this provider</h2>
<ul>${users}</ul>`,
    opts.error ? 401 : 200,
    opts.setCookies,
  )
}
