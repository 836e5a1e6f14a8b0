import type { AppPolicies, IpRelaxation } from "../store/app-policies"
import type { OrgSettings } from "../store/settings"
import { formatIpRanges, type UserPolicy } from "../store/user-policies"
import type { SeedUser } from "../seed/seed-user"
import { html, joinHtml, type SafeHtml } from "./html"
import { csrfField } from "./layout"

const checked = (on: boolean) => on && html` checked`

function check(id: string, name: string, label: string, on: boolean): SafeHtml {
  return html`<label class="check" for="${id}"><input type="checkbox" id="${id}" name="${name}" value="on"${checked(on)}> ${label}</label>`
}

const RELAXATIONS: Readonly<Record<IpRelaxation, string>> = {
  enforce: "Enforce IP restrictions",
  "enforce-relax-refresh": "Enforce IP restrictions, but relax for refresh tokens",
  relax: "Relax IP restrictions",
}

/**
 * The org's access policies and the app's (docs/fidelity.md, F-170 to F-183): a form of its own
 * (`POST /settings/policies`), so saving the OAuth settings never touches them.
 */
export function policiesCard(o: {
  basePath: string
  csrf: string
  settings: OrgSettings
  app: AppPolicies
  cliInstalled: boolean
}): SafeHtml {
  const a = o.app
  return html`<div class="card">
<h2>Org and app access policies</h2>
<form method="post" action="${o.basePath}/settings/policies">
${csrfField(o.csrf)}
<fieldset><legend>Org policies</legend>
${check("apiAccessControl", "apiAccessControl", "API Access Control: only allowlisted apps may be used (users with Use Any API Client are exempt)", o.settings.apiAccessControl)}
${check("preventLoginAtLoginHost", "preventLoginAtLoginHost", "My Domain: Prevent login from the generic login host (https://login.salesforce.com)", o.settings.preventLoginAtLoginHost)}
</fieldset>
<fieldset><legend>This app (Connected Apps OAuth Usage and Manage App Policies)</legend>
${check("installed", "installed", "Installed in the org", a.installed)}
${check("apiAccessAllowed", "apiAccessAllowed", "On the API Access Control allowlist", a.apiAccessAllowed)}
${check("highAssurance", "highAssurance", "Session Policies: High Assurance session required (Block)", a.highAssurance)}
<label for="ipRelaxation">IP Relaxation</label>
<select id="ipRelaxation" name="ipRelaxation">
${(Object.keys(RELAXATIONS) as IpRelaxation[]).map((r) => html`<option value="${r}"${a.ipRelaxation === r && html` selected`}>${RELAXATIONS[r]}</option>`)}
</select>
</fieldset>
<fieldset><legend>Salesforce CLI (PlatformCLI)</legend>
${check("cliInstalled", "cliInstalled", "Installed in the org (uninstalled in every new org)", o.cliInstalled)}
</fieldset>
<button type="submit">Apply policies</button>
</form>
</div>`
}

const PERMISSIONS: readonly [keyof UserPolicy & string, string][] = [
  ["apiEnabled", "API Enabled"],
  ["apiOnly", "API Only User"],
  ["approveUninstalledApps", "Approve Uninstalled Connected Apps"],
  ["useAnyApiClient", "Use Any API Client"],
  ["frozen", "Frozen"],
]

/** Each user's permissions, Freeze and Login IP Ranges (`POST /settings/users`). */
export function usersCard(o: {
  basePath: string
  csrf: string
  users: readonly { user: SeedUser; policy: UserPolicy }[]
}): SafeHtml {
  const rows = o.users.map(({ user, policy }) => {
    const id = user.Id
    const boxes = PERMISSIONS.map(([field, label]) =>
      check(`${field}-${id}`, `${field}:${id}`, label, policy[field] === true),
    )
    return html`<fieldset><legend>${user.Username}</legend>
<input type="hidden" name="user" value="${id}">
${joinHtml(boxes, "\n")}
<label for="loginIpRanges-${id}">Login IP Ranges (one per line, start-end; empty: any address)</label>
<textarea id="loginIpRanges-${id}" name="loginIpRanges:${id}" rows="2">${formatIpRanges(policy.loginIpRanges)}</textarea>
</fieldset>`
  })
  return html`<div class="card">
<h2>Users: permissions, freeze and login IP ranges</h2>
<form method="post" action="${o.basePath}/settings/users">
${csrfField(o.csrf)}
${joinHtml(rows, "\n")}
<button type="submit">Apply to users</button>
</form>
</div>`
}
