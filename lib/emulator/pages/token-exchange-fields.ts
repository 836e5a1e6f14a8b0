import {
  JWT_TOKEN_TYPES,
  jwksUrlProblem,
  MAP_BY,
  type MapBy,
  type TokenExchangeHandlerSettings,
} from "../store/token-exchange-handler"
import { html, joinHtml, type SafeHtml } from "./html"

const MAP_LABELS: Readonly<Record<MapBy, string>> = {
  email: "email claim → User.Email",
  "federation-id": "sub claim → User.FederationIdentifier (Federation ID)",
  username: "preferred_username claim → User.Username",
}

/**
 * The token exchange handler on the settings page: the definition's Supported Token Types and
 * "Allow user creation", and what its Apex class checks (JWKS URL, issuer, audiences) and maps by.
 */
export function tokenExchangeFieldset(h: TokenExchangeHandlerSettings): SafeHtml {
  const on = (v: boolean) => v && html` checked`
  return html`<fieldset><legend>Token exchange handler <code>${h.name}</code></legend>
<p class="muted">Supported token types</p>
${joinHtml(
  JWT_TOKEN_TYPES.map(
    (t) =>
      html`<label class="check" for="te-accept-${t}"><input type="checkbox" id="te-accept-${t}" name="teAccept" value="${t}"${on(h.accepts[t])}> ${t}</label>`,
  ),
  "\n",
)}
<label for="teJwksUrl">Identity provider's JWKS URL</label>
<input type="url" id="teJwksUrl" name="teJwksUrl" value="${h.jwksUrl}" required>
<label for="teIssuer">Expected issuer (iss)</label>
<input type="text" id="teIssuer" name="teIssuer" value="${h.issuer}" required>
<label for="teAudiences">Accepted audiences (aud), separated by spaces</label>
<input type="text" id="teAudiences" name="teAudiences" value="${h.audiences.join(" ")}" required>
<p class="muted">Find the Salesforce user by</p>
${joinHtml(
  (Object.keys(MAP_BY) as MapBy[]).map(
    (m) =>
      html`<label class="check" for="te-map-${m}"><input type="radio" id="te-map-${m}" name="teMapBy" value="${m}"${on(h.mapBy === m)}> ${MAP_LABELS[m]}</label>`,
  ),
  "\n",
)}
<label class="check" for="teCreateUsers"><input type="checkbox" id="teCreateUsers" name="teCreateUsers" value="on"${on(h.createUsers)}> Allow user creation: create missing users</label>
<p class="muted">A created user's Username is its email followed by <code>.lab</code>, and its Federation ID the token's sub: mapped by username, it is not found again, and the next exchange fails to create it twice (DUPLICATE_USERNAME).</p>
</fieldset>`
}

/** The settings from the posted form, or undefined (nothing saved) when the JWKS URL is unusable. */
export function handlerFromForm(
  form: URLSearchParams,
  current: TokenExchangeHandlerSettings,
): TokenExchangeHandlerSettings | undefined {
  const jwksUrl = (form.get("teJwksUrl") ?? "").trim()
  if (!form.has("teJwksUrl")) return current
  if (jwksUrlProblem(jwksUrl)) return undefined
  const accept = new Set(form.getAll("teAccept"))
  const mapBy = form.get("teMapBy") ?? ""
  const audiences = (form.get("teAudiences") ?? "").split(/\s+/).filter(Boolean).slice(0, 10)
  return {
    ...current,
    accepts: {
      access_token: accept.has("access_token"),
      id_token: accept.has("id_token"),
      jwt: accept.has("jwt"),
    },
    jwksUrl,
    issuer: (form.get("teIssuer") ?? "").trim().slice(0, 512) || current.issuer,
    audiences: audiences.length ? audiences : current.audiences,
    mapBy: Object.hasOwn(MAP_BY, mapBy) ? (mapBy as MapBy) : current.mapBy,
    createUsers: form.get("teCreateUsers") === "on",
  }
}
