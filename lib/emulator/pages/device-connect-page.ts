import { SCOPE_DESCRIPTIONS } from "../store/settings"
import { USER_CODE_LENGTH } from "../store/device-codes"
import { html, joinHtml } from "./html"
import { csrfField, page } from "./layout"

/**
 * The wrong-code answer of the verification page. Salesforce's own wording is not published
 * (docs/fidelity.md, F-146).
 */
export const WRONG_USER_CODE =
  "Invalid or expired code. Check the code shown on your device and try again."
export const TOO_MANY_CODES = "Too many attempts to enter a code. Wait 15 minutes and try again."

/** `/setup/connect`, step one: "Connect to Your Device", where the person types the user code. */
export function codeEntryPage(o: {
  basePath: string
  csrf: string
  username: string
  error?: string
  status?: number
  setCookies?: string[]
}): Response {
  const body = html`<div class="card">
<h1>Connect to Your Device</h1>
<p>Enter the code displayed on your device to connect it to your account.</p>
${o.error && html`<p class="error" role="alert">${o.error}</p>`}
<form method="post" action="${o.basePath}/setup/connect">
${csrfField(o.csrf)}
<label for="user_code">Code</label>
<input id="user_code" name="user_code" autocomplete="off" autocapitalize="characters" spellcheck="false" maxlength="${USER_CODE_LENGTH * 2}" required>
<div class="actions"><button type="submit">Connect</button></div>
</form>
<p class="muted">You are logged in as <code>${o.username}</code>.</p>
</div>`
  return page({
    basePath: o.basePath,
    title: "Connect to Your Device",
    body,
    status: o.status,
    setCookies: o.setCookies,
  })
}

/** Step two: "Allow Access?" for the app that asked, with the scopes of the device request. */
export function deviceConsentPage(o: {
  basePath: string
  csrf: string
  appName: string
  username: string
  scopes: readonly string[]
  userCode: string
}): Response {
  const lines = [...new Set(o.scopes.map((s) => SCOPE_DESCRIPTIONS[s] ?? s))]
  const body = html`<div class="card">
<h1>Allow Access?</h1>
<p><strong>${o.appName}</strong> on your device is asking to:</p>
<ul class="scopes">
${joinHtml(
  lines.map((l) => html`<li>${l}</li>`),
  "\n",
)}
</ul>
<p class="muted">You are logged in as <code>${o.username}</code>. Device code <code>${o.userCode}</code>.</p>
<form method="post" action="${o.basePath}/setup/connect/decision">
${csrfField(o.csrf)}
<input type="hidden" name="user_code" value="${o.userCode}">
<div class="actions">
<button type="submit" name="decision" value="deny" class="secondary">Deny</button>
<button type="submit" name="decision" value="allow">Allow</button>
</div>
</form>
</div>`
  return page({ basePath: o.basePath, title: "Allow Access?", body })
}

/** The end of the verification page: the device picks the answer up on its next poll. */
export function deviceDonePage(basePath: string, allowed: boolean): Response {
  const body = allowed
    ? html`<div class="card"><h1>You're connected</h1><p role="status">Access allowed. Return to your device: it finishes signing in on its next check.</p></div>`
    : html`<div class="card"><h1>Access denied</h1><p role="status">You denied access. The device is told so on its next check.</p></div>`
  return page({ basePath, title: allowed ? "You're connected" : "Access denied", body })
}
