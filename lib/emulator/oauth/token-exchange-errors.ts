/**
 * The error_description of each token exchange refusal. The handler's own refusals are its
 * TokenValidationResult `customErrorMsg`, "returned to the client if token validation fails"
 * (https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Auth_TokenValidationResult.htm),
 * so these texts are the lab handler's (the Apex class on /setup returns the same ones). The error
 * code is RFC 8693 §2.2.2's for a subject token that is "invalid for any reason, or … unacceptable
 * based on policy": `invalid_request` (https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2).
 * Salesforce's own texts for the platform-side checks are unverified (docs/fidelity.md, F-231).
 */
export const TOKEN_EXCHANGE_ERRORS = {
  missingSubjectToken: "missing subject_token",
  badTokenType: "invalid subject_token_type",
  typeNotAccepted: "unsupported subject_token_type",
  unknownHandler: "invalid token_handler",
  // The handler's customErrorMsg values (validateIncomingToken):
  malformed: "token is not a valid JWT",
  signature: "invalid signature",
  issuer: "invalid issuer",
  audience: "invalid audience",
  expired: "token expired",
  // getUserForTokenSubject returned no user and may not create one:
  noUser: "no user found for the token subject",
  // The user it returned cannot be inserted: another user of the org has its username (F-235).
  duplicateUsername: "user creation failed: DUPLICATE_USERNAME",
} as const
