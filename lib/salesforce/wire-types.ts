/**
 * Salesforce's OAuth wire shapes, snake_case exactly as they travel (salesforce-oauth.md §2.4,
 * §4.3, §7). The embedded org produces them and the site's client consumes them; app code converts
 * them to camelCase types in one place and never passes them around.
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
}

/** Error body of the token, revoke and introspect endpoints (and of authorize redirects). */
export interface SalesforceOAuthErrorBody {
  error: string
  error_description: string
}

/** RFC 7662 introspection, as Salesforce fills it (salesforce-oauth.md §7.2). */
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
