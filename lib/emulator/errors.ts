/**
 * Errors the embedded org returns, named after the OAuth `error` value they carry (the
 * node-oidc-provider convention). `description` is Salesforce's wire text, word for word where it
 * is known (documented at https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_flow_errors.htm,
 * or observed); tests assert both fields.
 */
export class OAuthError extends Error {
  constructor(
    readonly error: string,
    readonly description: string,
    readonly status = 400,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${error}: ${description}`)
    this.name = "OAuthError"
  }

  toJSON(): { error: string; error_description: string } {
    return { error: this.error, error_description: this.description }
  }
}

const factory = (error: string, status = 400) =>
  class extends OAuthError {
    constructor(description: string, headers: Record<string, string> = {}) {
      super(error, description, status, headers)
    }
  }

export const InvalidRequest = factory("invalid_request")
export const InvalidGrant = factory("invalid_grant")
export const InvalidClient = factory("invalid_client")
export const InvalidClientId = factory("invalid_client_id")
export const UnsupportedGrantType = factory("unsupported_grant_type")
export const UnsupportedResponseType = factory("unsupported_response_type")
export const InvalidScope = factory("invalid_scope")
export const AccessDenied = factory("access_denied")
export const InvalidAppAccess = factory("invalid_app_access")
export const InactiveUser = factory("inactive_user")

/**
 * An inactive user at the token endpoint: Salesforce answers `invalid_grant` / `inactive user` on the
 * wire (https://github.com/restforce/restforce/issues/303; docs/fidelity.md, F-03). The authorize
 * endpoint keeps the documented `inactive_user` on the callback.
 */
export const inactiveUser = () => new InvalidGrant("inactive user")
export const ImmediateUnsuccessful = factory("immediate_unsuccessful")
export const InvalidToken = factory("invalid_token")
export const UnsupportedTokenType = factory("unsupported_token_type")
export const RedirectUriMismatch = factory("redirect_uri_mismatch")
export const RedirectUriMissing = factory("redirect_uri_missing")
export const UnauthorizedClient = factory("unauthorized_client")
export const OAuthFlowDisabled = factory("oauth_flow_disabled")
/**
 * Device flow polling answers, HTTP 400 like every token endpoint error: the codes are the server's
 * (https://github.com/forcedotcom/SalesforceMobileSDK-Android/blob/master/libs/SalesforceSDK/src/com/salesforce/androidsdk/auth/OAuthErrorCode.kt),
 * their meaning RFC 8628 §3.5's (https://www.rfc-editor.org/rfc/rfc8628#section-3.5).
 */
export const AuthorizationPending = factory("authorization_pending")
export const SlowDown = factory("slow_down")
/** "Number of logins exceeded" (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_flow_errors.htm). */
export const RateLimitExceeded = factory("rate_limit_exceeded")

/**
 * A request the org refuses before it knows where to send the user (unknown client, bad
 * `redirect_uri`): Salesforce renders an error page instead of redirecting, as
 * https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1 requires.
 */
export class AuthorizePageError extends OAuthError {
  constructor(error: string, description: string) {
    super(error, description, 400)
    this.name = "AuthorizePageError"
  }
}

/** A REST API error: Salesforce answers with an array of `{ message, errorCode }`. */
export class RestApiError extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = "RestApiError"
  }
}

export const invalidSession = () =>
  new RestApiError("INVALID_SESSION_ID", "Session expired or invalid", 401)
