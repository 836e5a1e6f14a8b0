import {
  CLIENT_ASSERTION_TYPE,
  CLIENT_AUTH_LABELS,
  CLIENT_AUTH_METHODS,
  type ClientAuthMethod,
} from "@/lib/salesforce/client-auth"

const HINTS: Readonly<Record<ClientAuthMethod, string>> = {
  secret: "client_id and client_secret in the token request: the confidential client of 2016.",
  "private-key-jwt":
    "A short-lived JWT signed with the app's private key (the JWT Bearer flow's key) replaces the secret.",
  none: "A public client: no secret at all, PKCE alone. The app's “Require Secret for Web Server Flow” must be off.",
}

/**
 * The *Client authentication* radio group, inside the Start form so the choice goes with Start; its
 * second button reloads the page (GET) to update the preview, with no JavaScript.
 */
export function ClientAuthChoice({ chosen }: { chosen: ClientAuthMethod }) {
  return (
    <fieldset className="mb-3 rounded border border-slate-300 p-3">
      <legend className="px-1 font-semibold">Client authentication</legend>
      {CLIENT_AUTH_METHODS.map((m) => (
        <div key={m} className="mb-1">
          <label className="inline-flex gap-2">
            <input type="radio" name="client_auth" value={m} defaultChecked={m === chosen} />
            <span>
              {CLIENT_AUTH_LABELS[m]}
              <span className="block text-sm text-slate-700">{HINTS[m]}</span>
            </span>
          </label>
        </div>
      ))}
      <button
        type="submit"
        formMethod="get"
        formAction="/flows/web-server"
        className="mt-2 rounded border border-blue-800 px-3 py-1 text-sm text-blue-900"
      >
        Show the request for this choice
      </button>
    </fieldset>
  )
}

/** What the token request carries to authenticate the client, in words, for the preview. */
export function tokenAuthText(method: ClientAuthMethod, tokenUrl: string): React.ReactNode {
  switch (method) {
    case "secret":
      return (
        <>
          <code>client_id</code> and <code>client_secret</code>
        </>
      )
    case "private-key-jwt":
      return (
        <>
          <code>client_id</code>, <code>client_assertion_type={CLIENT_ASSERTION_TYPE}</code> and{" "}
          <code>client_assertion</code>: an RS256 JWT with <code>iss</code> = <code>sub</code> = the
          consumer key, <code>aud</code> = <code className="break-all">{tokenUrl}</code>,{" "}
          <code>exp</code> three minutes ahead and a fresh <code>jti</code> (RFC 7523), so no secret
          crosses the wire
        </>
      )
    case "none":
      return (
        <>
          <code>client_id</code> only, no secret: the PKCE verifier is the only proof
        </>
      )
  }
}

export const TOKEN_STEP: Readonly<Record<ClientAuthMethod, string>> = {
  secret: "POST /token: code + secret + verifier",
  "private-key-jwt": "POST /token: code + client_assertion + verifier",
  none: "POST /token: code + verifier (no secret)",
}
