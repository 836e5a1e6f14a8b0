import { ASSET_TOKEN_MINUTES, type AssetTokenSettings } from "../store/asset-token-settings"
import { html, type SafeHtml } from "./html"

/**
 * The app's asset token settings, named as Setup names them on a connected app (API (Enable OAuth
 * Settings): "Enable Asset Tokens", "Token Valid for", "Asset Audiences";
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.shr_api_enable_oauth_settings_enable_asset_tokens.htm).
 * Salesforce also asks for an "Asset Signing Certificate"; the embedded org signs with its own key.
 */
export function assetTokenFieldset(s: AssetTokenSettings): SafeHtml {
  return html`<fieldset><legend>Asset Tokens</legend>
<label class="check" for="assetTokensEnabled"><input type="checkbox" id="assetTokensEnabled" name="assetTokensEnabled" value="on"${s.enabled && html` checked`}> Enable Asset Tokens</label>
<label class="check" for="assetRequireSignedActor"><input type="checkbox" id="assetRequireSignedActor" name="assetRequireSignedActor" value="on"${s.requireSignedActor && html` checked`}> Require a signed actor token (the lab's setting: an actor token with a <code>cnf</code> key is always checked)</label>
<label for="assetTokenMinutes">Token Valid for</label>
<select id="assetTokenMinutes" name="assetTokenMinutes">
${ASSET_TOKEN_MINUTES.map((m) => html`<option value="${m}"${s.minutes === m && html` selected`}>${m} minute${m === 1 ? "" : "s"}</option>`)}
</select>
<label for="assetAudiences">Asset Audiences (one per line: the services that accept the asset token)</label>
<textarea id="assetAudiences" name="assetAudiences" rows="2">${s.audiences.join("\n")}</textarea>
</fieldset>`
}
