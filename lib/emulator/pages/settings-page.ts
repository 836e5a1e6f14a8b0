import type { Approval } from "../store/approvals"
import type { AppSecretSettings } from "../store/app-settings"
import type { ClientCredentialsSettings } from "../store/client-credentials"
import type { ConnectedApp } from "../store/apps"
import {
  ACCESS_TOKEN_MINUTES,
  LOCKOUT_MINUTES,
  MAX_LOGIN_ATTEMPTS,
  RATE_LIMIT_MAX,
  SCOPE_DESCRIPTIONS,
  type OrgSettings,
} from "../store/settings"
import { refreshPolicyFields } from "./refresh-policy-fields"
import { assetTokenFieldset } from "./asset-token-fields"
import type { AssetTokenSettings } from "../store/asset-token-settings"
import { tokenExchangeFieldset } from "./token-exchange-fields"
import type { TokenExchangeHandlerSettings } from "../store/token-exchange-handler"
import { USERS } from "../seed/records"
import { html, joinHtml, type SafeHtml } from "./html"
import { ecaImportCard } from "./eca-import-page"
import { csrfField, page } from "./layout"

const checked = (on: boolean) => on && html` checked`

function checkbox(name: string, label: string, on: boolean, value = "on"): SafeHtml {
  const id = `${name}-${value}`.replace(/[^\w-]/g, "_")
  return html`<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="${value}"${checked(on)}> ${label}</label>`
}

/** The app's "Enable Client Credentials Flow" and its Run-As user (policies, "Client Credentials Flow"). */
function clientCredentialsFieldset(cc: ClientCredentialsSettings): SafeHtml {
  const options = USERS.map(
    (u) =>
      html`<option value="${u.Id}"${cc.runAsUserId === u.Id && html` selected`}>${u.Username}${u.IsActive ? "" : " (inactive)"}</option>`,
  )
  return html`<fieldset><legend>Client Credentials Flow</legend>
${checkbox("clientCredentialsEnabled", "Enable Client Credentials Flow", cc.enabled)}
<label for="runAsUserId">Run As (an active user with API access; Salesforce recommends an API Only integration user)</label>
<select id="runAsUserId" name="runAsUserId">
<option value=""${!cc.runAsUserId && html` selected`}>None</option>
${joinHtml(options, "\n")}
</select>
</fieldset>`
}

/** The emulated Setup: the connected app's policies and the users' approvals. */
export function settingsPage(o: {
  basePath: string
  csrf: string
  settings: OrgSettings
  app: ConnectedApp
  appSecrets: AppSecretSettings
  clientCredentials: ClientCredentialsSettings
  /** The app's "Enable for Device Flow" (store/device-settings.ts); on when not given. */
  deviceFlow?: boolean
  /** The app's asset token settings (store/asset-token-settings.ts); the fieldset is left out when not given. */
  assetTokens?: AssetTokenSettings
  /** The token exchange handler (store/token-exchange-handler.ts), when the page shows it. */
  tokenExchange?: TokenExchangeHandlerSettings
  preauthorized: ReadonlySet<string>
  approvals: readonly (Approval & { username: string; activeGrants: number })[]
  /** Users locked out now; `until` is `Infinity` for a lock only an admin lifts. */
  locked: readonly { userId: string; username: string; lockedAt: number; until: number }[]
  /** SALESFORCE_LAB_RATE_LIMITS=off: the limits below are kept but not applied. */
  rateLimitsOff: boolean
  message?: string
  /** Cards shown after the main form (the access policies, pages/settings-policies-page.ts). */
  extraCards?: readonly SafeHtml[]
  setCookies?: string[]
}): Response {
  const s = o.settings
  const b = o.basePath
  const approvals = o.approvals.length
    ? joinHtml(
        o.approvals.map(
          (
            a,
          ) => html`<tr><td><code>${a.username}</code></td><td>${a.scopes.join(" ")}</td><td>${new Date(a.createdAt).toISOString()}</td><td>${a.activeGrants}</td>
<td><form method="post" action="${b}/settings/approvals/revoke">${csrfField(o.csrf)}<input type="hidden" name="approval" value="${a.id}"><button type="submit" class="secondary" aria-label="Revoke approval of ${a.username}">Revoke</button></form></td></tr>`,
        ),
        "\n",
      )
    : html`<tr><td colspan="5">No user has approved the app yet.</td></tr>`
  const locked = o.locked.length
    ? joinHtml(
        o.locked.map(
          (
            l,
          ) => html`<tr><td><code>${l.username}</code></td><td>${new Date(l.lockedAt).toISOString()}</td><td>${Number.isFinite(l.until) ? new Date(l.until).toISOString() : "until unlocked"}</td>
<td><form method="post" action="${b}/settings/users/unlock">${csrfField(o.csrf)}<input type="hidden" name="user" value="${l.userId}"><button type="submit" class="secondary" aria-label="Unlock ${l.username}">Unlock</button></form></td></tr>`,
        ),
        "\n",
      )
    : html`<tr><td colspan="4">No user is locked out.</td></tr>`
  const rateLimit = (name: keyof OrgSettings & `${string}Per${string}`, label: string) =>
    html`<label for="${name}">${label}</label>
<input type="number" id="${name}" name="${name}" min="1" max="${RATE_LIMIT_MAX}" step="1" value="${s[name]}" required>`
  const body = html`${o.message && html`<p class="notice" role="status">${o.message}</p>`}
<div class="card">
<h1>Org settings</h1>
<p class="muted">Connected app <strong>${o.app.name}</strong>, consumer key <code>${o.app.clientId}</code>.</p>
<p class="muted">Callback URLs: ${joinHtml(
    o.app.callbackUrls.map((u) => html`<code>${u}</code>`),
    ", ",
  )}</p>
<form method="post" action="${b}/settings">
${csrfField(o.csrf)}
<fieldset><legend>Permitted Users</legend>
<label class="check" for="policy-self"><input type="radio" id="policy-self" name="appPolicy" value="self-authorize"${checked(s.appPolicy === "self-authorize")}> All users may self-authorize</label>
<label class="check" for="policy-admin"><input type="radio" id="policy-admin" name="appPolicy" value="admin-approved"${checked(s.appPolicy === "admin-approved")}> Admin approved users are pre-authorized</label>
</fieldset>
<fieldset><legend>Pre-authorized users (profile or permission set assigned)</legend>
${joinHtml(
  USERS.map((u) => checkbox("preauthorized", u.Username, o.preauthorized.has(u.Id), u.Id)),
  "\n",
)}
</fieldset>
<fieldset><legend>OAuth policies</legend>
${checkbox("requireSecretForWebServer", "Require Secret for Web Server Flow", o.appSecrets.requireSecretForWebServer)}
${checkbox("requireSecretForRefreshToken", "Require Secret for Refresh Token Flow", o.appSecrets.requireSecretForRefreshToken)}
${checkbox("deviceFlow", "Enable for Device Flow", o.deviceFlow ?? true)}
${checkbox("requirePkce", "Require Proof Key for Code Exchange (PKCE) extension for supported authorization flows", s.requirePkce)}
${checkbox("blockUserAgentFlow", "Block the user-agent flow", s.blockUserAgentFlow)}
${checkbox("allowUsernamePasswordFlow", "Allow OAuth Username-Password Flows (off in orgs created since Summer '23)", s.allowUsernamePasswordFlow)}
${checkbox("refreshTokenRotation", "Enable refresh token rotation", s.refreshTokenRotation)}
${refreshPolicyFields(s)}
${checkbox("strictAssertionExpiry", "Reject JWT assertions whose exp is more than 3 minutes ahead (stricter than Salesforce)", s.strictAssertionExpiry)}
<label for="accessTokenMinutes">Access token lifetime (session timeout)</label>
<select id="accessTokenMinutes" name="accessTokenMinutes">
${ACCESS_TOKEN_MINUTES.map((m) => html`<option value="${m}"${s.accessTokenMinutes === m && html` selected`}>${m < 60 ? `${m} minutes` : `${m / 60} hour${m === 60 ? "" : "s"}`}</option>`)}
</select>
</fieldset>
${clientCredentialsFieldset(o.clientCredentials)}
${o.assetTokens && assetTokenFieldset(o.assetTokens)}
${o.tokenExchange && tokenExchangeFieldset(o.tokenExchange)}
<fieldset><legend>Password policies</legend>
<label for="maxLoginAttempts">Maximum invalid login attempts</label>
<select id="maxLoginAttempts" name="maxLoginAttempts">
${MAX_LOGIN_ATTEMPTS.map((n) => html`<option value="${n}"${s.maxLoginAttempts === n && html` selected`}>${n ? String(n) : "No limit"}</option>`)}
</select>
<label for="lockoutMinutes">Lockout effective period</label>
<select id="lockoutMinutes" name="lockoutMinutes">
${LOCKOUT_MINUTES.map((m) => html`<option value="${m}"${s.lockoutMinutes === m && html` selected`}>${m ? `${m} minutes` : "Forever (must be reset by admin)"}</option>`)}
</select>
</fieldset>
<fieldset><legend>Rate limits</legend>
${o.rateLimitsOff && html`<p class="notice">SALESFORCE_LAB_RATE_LIMITS=off: these limits are not applied.</p>`}
${rateLimit("loginsPerUserPerHour", "Token endpoint: logins per user per hour (Salesforce: 3,600)")}
${rateLimit("authorizePerClientPerMinute", "Authorize endpoint: requests per connected app per minute")}
${rateLimit("introspectPerClientPerMinute", "Introspection endpoint: requests per connected app per minute")}
</fieldset>
<fieldset><legend>Selected OAuth scopes</legend>
${joinHtml(
  Object.keys(SCOPE_DESCRIPTIONS).map((sc) =>
    checkbox("appScopes", `${sc}: ${SCOPE_DESCRIPTIONS[sc]}`, s.appScopes.includes(sc), sc),
  ),
  "\n",
)}
</fieldset>
<button type="submit">Save</button>
</form>
</div>
${joinHtml(o.extraCards ?? [], "\n")}
${ecaImportCard(b, o.csrf)}
<div class="card">
<h2>Users' approvals</h2>
<table>
<thead><tr><th scope="col">User</th><th scope="col">Scopes</th><th scope="col">Approved</th><th scope="col">Active refresh tokens</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
<tbody>
${approvals}
</tbody>
</table>
</div>
<div class="card">
<h2>Locked-out users</h2>
<table>
<thead><tr><th scope="col">User</th><th scope="col">Locked</th><th scope="col">Until</th><th scope="col"><span class="muted">Action</span></th></tr></thead>
<tbody>
${locked}
</tbody>
</table>
</div>
<div class="card">
<h2>Reset the org</h2>
<p>Restores the default settings and pre-authorizations, deletes every approval, code and token, and clears lockouts and rate-limit counts.</p>
<form method="post" action="${b}/settings/reset">${csrfField(o.csrf)}<button type="submit" class="secondary">Reset org</button></form>
</div>`
  return page({
    basePath: o.basePath,
    title: "Org settings",
    body,
    wide: true,
    setCookies: o.setCookies,
  })
}
