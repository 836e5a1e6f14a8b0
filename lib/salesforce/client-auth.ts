/**
 * How the site authenticates itself at the token endpoint in the Web Server and Refresh Token flows:
 * - `secret`: `client_id` + `client_secret` in the body (client_secret_post);
 * - `private-key-jwt`: `client_assertion_type` + `client_assertion`, a JWT signed with the app's key
 *   (RFC 7523 §2.2; Salesforce: "Instead of passing a client_secret, you can provide a
 *   client_assertion and client_assertion_type",
 *   https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_refresh_token_flow.htm&type=5);
 * - `none`: a public client, `client_id` only, relying on PKCE; the app's "Require Secret for Web
 *   Server Flow" must be off
 *   (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5).
 */
export const CLIENT_AUTH_METHODS = ["secret", "private-key-jwt", "none"] as const
export type ClientAuthMethod = (typeof CLIENT_AUTH_METHODS)[number]

export const CLIENT_AUTH_LABELS: Readonly<Record<ClientAuthMethod, string>> = {
  secret: "Client secret",
  "private-key-jwt": "Private key JWT",
  none: "None (PKCE only)",
}

export const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

export const isClientAuthMethod = (v: unknown): v is ClientAuthMethod =>
  typeof v === "string" && (CLIENT_AUTH_METHODS as readonly string[]).includes(v)

/** What the token request carries besides the grant, for a given method. */
export async function clientAuthFields(o: {
  method: ClientAuthMethod
  clientId: string
  clientSecret: string
  tokenUrl: string
  signClientAssertion?: (audience: string) => Promise<string>
}): Promise<Record<string, string>> {
  switch (o.method) {
    case "secret":
      return { client_id: o.clientId, client_secret: o.clientSecret }
    case "none":
      return { client_id: o.clientId }
    case "private-key-jwt": {
      if (!o.signClientAssertion) throw new Error("no signer for the client assertion")
      return {
        client_id: o.clientId,
        client_assertion_type: CLIENT_ASSERTION_TYPE,
        // RFC 7523 §3 item 3: "the token endpoint URL of the authorization server MAY be used".
        client_assertion: await o.signClientAssertion(o.tokenUrl),
      }
    }
  }
}
