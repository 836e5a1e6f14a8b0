import { DEMO_USERS } from "../seed/records"
import { html, joinHtml } from "./html"
import { csrfField, page } from "./layout"

/** The org's login page: labelled fields, a *Log In* button, and the demo users to try. */
export function loginPage(o: {
  basePath: string
  startUrl: string
  csrf: string
  username?: string
  error?: string
  status?: number
  setCookies?: string[]
}): Response {
  const users = DEMO_USERS.map(
    (u) =>
      html`<tr><td><code>${u.Username}</code></td><td><code>${u.password}</code></td><td>${describe(u)}</td></tr>`,
  )
  const body = html`<div class="card">
<h1>Log in to the embedded org</h1>
${o.error && html`<p class="error" role="alert">${o.error}</p>`}
<form method="post" action="${o.basePath}/login">
${csrfField(o.csrf)}
<input type="hidden" name="startURL" value="${o.startUrl}">
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" value="${o.username}" required>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Log In</button>
</form>
</div>
<div class="card">
<h2>Demo users</h2>
<table>
<thead><tr><th scope="col">Username</th><th scope="col">Password</th><th scope="col">What it shows</th></tr></thead>
<tbody>
${joinHtml(users, "\n")}
</tbody>
</table>
</div>`
  return page({
    basePath: o.basePath,
    title: "Login",
    body,
    status: o.status,
    setCookies: o.setCookies,
  })
}

function describe(u: (typeof DEMO_USERS)[number]): string {
  if (!u.IsActive) return "Inactive user: every login and token request is refused."
  if (u.isAdmin)
    return "Administrator, pre-authorized for the app: JWT Bearer works at once; can open Org settings."
  return 'Self-authorizes: JWT Bearer fails with "user hasn\'t approved this consumer" until approved once.'
}

export const LOGIN_FAILED =
  "Please check your username and password. If you still can't log in, contact your Salesforce administrator."
export const LOGIN_INACTIVE = "Your access is disabled. Contact your site administrator."
/** Salesforce's wording is not public (docs/fidelity.md, F-64): this says what happened and what to do. */
export const LOGIN_LOCKED =
  "Your account is locked after too many failed login attempts. Try again when the lockout period ends, or ask your Salesforce administrator to unlock it."
