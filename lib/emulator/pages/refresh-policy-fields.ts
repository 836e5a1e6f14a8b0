import {
  REFRESH_POLICY_MAX_MINUTES,
  type OrgSettings,
  type RefreshTokenPolicy,
} from "../store/settings"
import { html, type SafeHtml } from "./html"

const LABELS: Readonly<Record<RefreshTokenPolicy, string>> = {
  "until-revoked": "Refresh token is valid until revoked",
  "expire-after": "Expire refresh token after N minutes",
  "expire-unused": "Expire refresh token if not used for N minutes",
}

/** The Refresh Token Policy on the settings page: a choice of three, and N in minutes. */
export function refreshPolicyFields(s: OrgSettings): SafeHtml {
  return html`<label for="refreshTokenPolicy">Refresh token policy</label>
<select id="refreshTokenPolicy" name="refreshTokenPolicy">
${(Object.keys(LABELS) as RefreshTokenPolicy[]).map((p) => html`<option value="${p}"${s.refreshTokenPolicy === p && html` selected`}>${LABELS[p]}</option>`)}
</select>
<label for="refreshTokenPolicyMinutes">N (minutes)</label>
<input id="refreshTokenPolicyMinutes" name="refreshTokenPolicyMinutes" type="number" min="1" max="${REFRESH_POLICY_MAX_MINUTES}" value="${s.refreshTokenPolicyMinutes}">`
}
