import { SCOPE_DESCRIPTIONS } from "../store/settings"
import { html, joinHtml } from "./html"
import { csrfField, page } from "./layout"

/** "Allow Access?": the scopes requested, in the words Salesforce uses, deduplicated. */
export function consentPage(o: {
  basePath: string
  appName: string
  username: string
  scopes: readonly string[]
  requestId: string
  csrf: string
  setCookies?: string[]
}): Response {
  const lines = [...new Set(o.scopes.map((s) => SCOPE_DESCRIPTIONS[s] ?? s))]
  const body = html`<div class="card">
<h1>Allow Access?</h1>
<p><strong>${o.appName}</strong> is asking to:</p>
<ul class="scopes">
${joinHtml(
  lines.map((l) => html`<li>${l}</li>`),
  "\n",
)}
</ul>
<p class="muted">You are logged in as <code>${o.username}</code>. Do you want to allow access?</p>
<form method="post" action="${o.basePath}/consent">
${csrfField(o.csrf)}
<input type="hidden" name="request" value="${o.requestId}">
<div class="actions">
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button>
</div>
</form>
</div>`
  return page({ basePath: o.basePath, title: "Allow Access?", body, setCookies: o.setCookies })
}
