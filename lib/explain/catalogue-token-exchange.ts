import { TOKEN_EXCHANGE_ERRORS as E } from "@/lib/emulator/oauth/token-exchange-errors"
import type { FlowFailure } from "@/lib/flows/shared/flow-error"
import { descOf, type CatalogueEntry } from "./catalogue-types"

/**
 * The Token Exchange flow's refusals (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_token_exchange_overview.htm).
 * The handler's refusals carry its TokenValidationResult customErrorMsg as error_description, so
 * with your own Apex handler the text is yours; these are the lab handler's (docs/fidelity.md, F-231).
 */
const HANDLER_SETUP = "Setup → Quick Find: Token Exchange Handlers → the handler → View Details"
const is = (text: string) => (f: FlowFailure) =>
  f.error === "invalid_request" && descOf(f) === text.toLowerCase()

export const TOKEN_EXCHANGE_ENTRIES: CatalogueEntry[] = [
  {
    id: "token-exchange-type-not-accepted",
    error: "invalid_request",
    description: E.typeNotAccepted,
    where: ["Token Exchange"],
    title: "The handler does not accept this token type",
    meaning:
      "The subject_token_type names a type the token exchange handler is not set to support (its Supported Token Types: access token, ID token, JWT, refresh token, SAML 2.0).",
    causes: [
      "The handler definition leaves this type unticked.",
      "The app sent its access token as jwt (or the other way round) while the handler supports only the other.",
    ],
    fix: [
      `${HANDLER_SETUP} → Edit → tick the type under Supported Token Types. In the embedded org: its settings page, "Token exchange handler".`,
      "Or send the token under a type the handler supports.",
    ],
    match: is(E.typeNotAccepted),
  },
  {
    id: "token-exchange-invalid-issuer",
    error: "invalid_request",
    description: E.issuer,
    where: ["Token Exchange"],
    title: "The external token comes from another issuer",
    meaning:
      "validateIncomingToken compared the token's iss with the identity provider it trusts, and they differ.",
    causes: [
      "A token of another provider, tenant or environment (a staging token against production).",
      "The handler's expected issuer has a typo or a trailing slash the provider does not use.",
    ],
    fix: [
      "Check the token's iss (the inspector decodes it) against the handler's issuer, character for character.",
      "In the embedded org, the issuer is on its settings page.",
    ],
    match: is(E.issuer),
  },
  {
    id: "token-exchange-token-expired",
    error: "invalid_request",
    description: E.expired,
    where: ["Token Exchange"],
    title: "The external token has expired",
    meaning: "The subject_token's exp is in the past: identity providers' tokens live minutes.",
    causes: ["The token was kept too long before the exchange.", "The clocks disagree."],
    fix: [
      "Get a fresh token from the provider (sign in there again, or refresh) and exchange at once.",
    ],
    match: is(E.expired),
  },
  {
    id: "token-exchange-invalid-signature",
    error: "invalid_request",
    description: E.signature,
    where: ["Token Exchange"],
    title: "The external token's signature does not verify",
    meaning:
      "The handler checked the token against the provider's JWKS with RS256 only, and it failed: signed by another key, altered, unsigned (alg none) or signed with another algorithm.",
    causes: [
      "The handler's JWKS URL points at another provider or tenant.",
      "The provider rotated its keys and the new key is not yet published.",
      "The token was tampered with.",
    ],
    fix: ["Point the handler at the provider's jwks_uri from its discovery document."],
    match: is(E.signature),
  },
  {
    id: "token-exchange-invalid-audience",
    error: "invalid_request",
    description: E.audience,
    where: ["Token Exchange"],
    title: "The external token is meant for someone else",
    meaning: "Its aud names none of the audiences the handler accepts.",
    causes: [
      "An id_token's aud is the client it was issued to; an access token's is the API it is for.",
    ],
    fix: [
      "Add the token's aud to the handler's accepted audiences, or request a token for Salesforce.",
    ],
    match: is(E.audience),
  },
  {
    id: "token-exchange-no-user",
    error: "invalid_request",
    description: E.noUser,
    where: ["Token Exchange"],
    title: "No Salesforce user for the token's subject",
    meaning:
      "getUserForTokenSubject looked for the user the token names (by email, federation id or username) and found none, and the handler may not create users.",
    causes: [
      "The person has no Salesforce user, or a different email there.",
      "The handler maps by a claim the token does not carry.",
    ],
    fix: [
      "Create the user, or set its Federation ID to the token's sub.",
      `Or let the handler create users: ${HANDLER_SETUP} → Edit → "Allow user creation", and have the Apex class return a new User. In the embedded org: "Create missing users" on its settings page.`,
    ],
    match: is(E.noUser),
  },
  {
    id: "token-exchange-duplicate-username",
    error: "invalid_request",
    description: E.duplicateUsername,
    where: ["Token Exchange"],
    title: "The user the handler creates already exists",
    meaning:
      "getUserForTokenSubject found no user and returned a new one, and Salesforce could not insert it: another user has its username. Usernames are unique across every Salesforce org.",
    causes: [
      "The handler looks users up by one field and names the users it creates by another: it maps by username (or federation id) but builds the Username from the email, so it never finds the user it created last time.",
      "Two people of the identity provider share one email address.",
    ],
    fix: [
      "Make the lookup and the creation agree: look the user up by the field the new Username is built from, or set FederationIdentifier on the user you create and look up by it.",
      'In the embedded org: its settings page, "Token exchange handler" → map users by email, or leave "Create missing users" off.',
    ],
    match: is(E.duplicateUsername),
  },
  {
    id: "token-exchange-invalid-handler",
    error: "invalid_request",
    description: E.unknownHandler,
    where: ["Token Exchange"],
    title: "No such token exchange handler",
    meaning: "token_handler names no handler enabled for this app.",
    causes: [
      "A typo in SALESFORCE_TOKEN_EXCHANGE_HANDLER.",
      "The handler is not enabled for this app.",
    ],
    fix: [
      `${HANDLER_SETUP} → Enabled Apps → Enable New App.`,
      "Or leave token_handler out to use the app's default handler.",
    ],
    match: is(E.unknownHandler),
  },
  {
    id: "token-exchange-bad-request",
    error: "invalid_request",
    description: E.badTokenType,
    where: ["Token Exchange"],
    title: "The token exchange request is incomplete",
    meaning:
      "subject_token is missing, or subject_token_type is not one of the five token type URNs.",
    causes: ["A client that sends a bare type name (id_token) instead of the URN."],
    fix: [
      "Send urn:ietf:params:oauth:token-type:id_token, …:access_token, …:jwt, …:refresh_token or …:saml2.",
    ],
    match: (f) => is(E.badTokenType)(f) || is(E.missingSubjectToken)(f),
  },
  {
    id: "token-exchange-tokens-too-large",
    error: "TOKENS_TOO_LARGE",
    where: ["this site"],
    title: "The identity provider's tokens are too large to hold",
    meaning:
      "Between the provider's callback and the exchange the site keeps both of the provider's tokens in this browser's cookies, sealed. A browser keeps at most 4096 bytes per cookie, and a server reads about 16 KB of headers, so the site holds at most two cookies' worth (about 5.5 KB of tokens) and stopped rather than lose them.",
    causes: [
      "The provider puts long claims in its tokens: group or role lists, entitlements, a large profile.",
    ],
    fix: [
      "Ask the provider for smaller tokens: leave group and role claims out of the id_token and the access token for this client, or ask for fewer scopes.",
      "Or run the exchange from your own code with the provider's token (the code to copy on the Token Exchange page): a server holds tokens of any size.",
    ],
    match: (f) => f.code === "TOKENS_TOO_LARGE",
  },
  {
    id: "external-idp-failed",
    error: "EXTERNAL_IDP",
    where: ["this site"],
    title: "The identity provider refused the sign-in",
    meaning: "The external identity provider did not give the site its tokens for the code.",
    causes: [
      "The code expired or was used twice.",
      "The provider does not know the site's client or callback URL.",
    ],
    fix: [
      "Start the Token Exchange flow again.",
      "Register the site's callback (/flows/token-exchange/idp-callback) at the provider.",
    ],
    match: (f) => f.code === "EXTERNAL_IDP",
  },
]
