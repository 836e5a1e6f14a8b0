import type { SeedUser } from "../seed/seed-user"
import { html } from "./html"
import { csrfField, page } from "./layout"

/** What the login URL shows a logged-in user: who they are, and where to go. */
export function homePage(o: {
  basePath: string
  user: SeedUser
  csrf: string
  setCookies?: string[]
}): Response {
  const body = html`<div class="card">
<h1>Embedded org home</h1>
<p>You are logged in as <code>${o.user.Username}</code> (${o.user.Name}).</p>
<ul>
${o.user.isAdmin && html`<li><a href="${o.basePath}/settings">Org settings</a>: app policy, PKCE, blocked flows, token rotation, approvals</li>`}
<li><a href="${o.basePath}/.well-known/openid-configuration">OpenID configuration</a></li>
</ul>
<form method="post" action="${o.basePath}/secur/logout.jsp">
${csrfField(o.csrf)}
<button type="submit" class="secondary">Log Out</button>
</form>
</div>`
  return page({ basePath: o.basePath, title: "Home", body, setCookies: o.setCookies })
}
