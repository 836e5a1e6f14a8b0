/**
 * Why a flow failed, as a stable code the error page explains. Salesforce's own refusals are
 * `SalesforceOAuthError`s carrying its `error` and `error_description` untouched.
 */
export type FlowErrorCode =
  | "STATE_MISSING"
  | "STATE_MISMATCH"
  | "FLOW_EXPIRED"
  | "STATE_REUSED"
  | "MISSING_CODE"
  | "MISSING_TOKEN"
  | "NETWORK"
  | "TIMEOUT"
  | "NON_JSON_RESPONSE"
  | "UNEXPECTED_RESPONSE"
  | "INVALID_SIGNATURE"
  | "ID_TOKEN_INVALID"
  | "FOREIGN_TOKEN"
  | "UNTRUSTED_URL"
  | "USERNAME_NOT_ALLOWED"
  | "KEY_INVALID"
  | "CONFIG_INVALID"
  | "NOT_MY_DOMAIN"
  | "MISSING_CREDENTIALS"
  | "DEVICE_CODE_EXPIRED"
  | "NO_SESSION"
  | "ASSET_CLAIMS_INVALID"
  | "EXTERNAL_IDP"
  | "TOKENS_TOO_LARGE"

export class FlowError extends Error {
  constructor(
    readonly code: FlowErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = "FlowError"
  }
}

/** An OAuth error body from Salesforce (token, revoke, introspect) or an authorize redirect. */
export class SalesforceOAuthError extends Error {
  constructor(
    readonly error: string,
    readonly errorDescription: string,
    readonly status?: number,
  ) {
    super(`${error}: ${errorDescription}`)
    this.name = "SalesforceOAuthError"
  }
}
