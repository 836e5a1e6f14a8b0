/** What the authorize request carries (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5). */
export interface AuthorizeParams {
  responseType: "code" | "token" | "token id_token"
  redirectUri: string
  scope: string
  state: string
  nonce?: string
  codeChallenge?: string
  prompt?: string
  loginHint?: string
}

/** The authorize URL the browser is sent to; PKCE is always S256 (RFC 7636 §4.3). */
export function authorizeUrl(endpoint: string, clientId: string, p: AuthorizeParams): string {
  const q = new URLSearchParams({
    response_type: p.responseType,
    client_id: clientId,
    redirect_uri: p.redirectUri,
    scope: p.scope,
    state: p.state,
  })
  if (p.nonce) q.set("nonce", p.nonce)
  if (p.codeChallenge) {
    q.set("code_challenge", p.codeChallenge)
    q.set("code_challenge_method", "S256")
  }
  if (p.prompt) q.set("prompt", p.prompt)
  if (p.loginHint) q.set("login_hint", p.loginHint)
  return `${endpoint}?${q}`
}
