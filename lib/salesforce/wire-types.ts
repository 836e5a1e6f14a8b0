/**
 * Salesforce's OAuth wire shapes, snake_case exactly as they travel (token response:
 * https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5;
 * the other endpoints' pages are cited in lib/emulator/oauth). The embedded org produces them and the
 * site's client consumes them; app code converts them to camelCase types in one place and never
 * passes them around.
 */

/** Token endpoint success body. Salesforce sends no `expires_in`. */
export interface SalesforceTokenResponse {
  access_token: string
  refresh_token?: string
  signature?: string
  scope: string
  id_token?: string
  instance_url: string
  id: string
  token_type: "Bearer"
  issued_at?: string
  state?: string
  /** Token Exchange only: the type of `access_token` (RFC 8693 §2.2.1). */
  issued_token_type?: string
}

/**
 * The Device flow's first answer (`response_type=device_code` at the token endpoint): no
 * `expires_in`, no `verification_uri_complete`
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_device_flow.htm).
 */
export interface SalesforceDeviceCodeResponse {
  device_code: string
  user_code: string
  verification_uri: string
  interval: number
}

/** Error body of the token, revoke and introspect endpoints (and of authorize redirects). */
export interface SalesforceOAuthErrorBody {
  error: string
  error_description: string
}

/** RFC 7662 introspection, as Salesforce fills it (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oidc_token_introspection_endpoint.htm&type=5). */
export type SalesforceIntrospection =
  | { active: false }
  | {
      active: true
      scope: string
      client_id: string
      username: string
      sub: string
      token_type: "access_token" | "refresh_token"
      exp: number
      iat: number
      nbf: number
    }

/** REST API error: an array of these (for example `INVALID_SESSION_ID`, `MALFORMED_QUERY`). */
export interface SalesforceApiError {
  message: string
  errorCode: string
}
