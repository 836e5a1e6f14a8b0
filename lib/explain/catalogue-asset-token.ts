import { descOf, type CatalogueEntry } from "./catalogue-types"

const SETUP_ASSET =
  'Connected app: Setup → App Manager → the app → Edit → API (Enable OAuth Settings) → tick "Enable Asset Tokens", set "Token Valid for", choose the "Asset Signing Certificate" and list the "Asset Audiences", then save. External Client App: its OAuth settings hold the same fields (metadata assetTokenAudiences, areAttributesIncludedInAssetToken, areCustomPermsIncludedInAssetToken).'

/**
 * The asset token flow's errors (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_asset_token_flow_ca.htm).
 * The `error` codes are RFC 8693 §2.2.2's; the descriptions are the embedded org's, since
 * Salesforce's wording is undocumented (docs/fidelity.md, F-251).
 */
export const ASSET_TOKEN_ENTRIES: CatalogueEntry[] = [
  {
    id: "asset-tokens-disabled",
    error: "unauthorized_client",
    description: "asset tokens are not enabled for this app",
    where: ["token"],
    title: "The app does not issue asset tokens",
    meaning:
      "The access token belongs to an app whose asset token settings are off, or that lists no audience: the org will not exchange it for an asset token.",
    causes: [
      '"Enable Asset Tokens" is not ticked on the app (it is off on a new app).',
      "No Asset Audiences are set: they are required for the flow.",
      "The access token came from another app than the one configured for asset tokens.",
    ],
    fix: [
      SETUP_ASSET,
      "In the embedded org: its settings page (admin@example.com) → Asset Tokens.",
    ],
    match: (f) =>
      f.error === "unauthorized_client" && descOf(f).includes("asset tokens are not enabled"),
  },
  {
    id: "asset-invalid-subject-token",
    error: "invalid_request",
    description: "invalid subject token",
    where: ["token"],
    title: "The access token cannot be exchanged",
    meaning:
      "The subject_token must be an active Salesforce access token of the app: this one is unknown, expired, revoked, or of another type.",
    causes: [
      "The session's access token expired or was revoked (for example with the inspector's Revoke).",
      "subject_token_type is not urn:ietf:params:oauth:token-type:access_token.",
      "The client named itself with a client_id other than the token's app (subject token was issued to another client).",
    ],
    fix: [
      "Sign in again with any flow (or press Refresh on the inspector), then start the asset token flow again.",
    ],
    match: (f) =>
      f.error === "invalid_request" &&
      (descOf(f).includes("subject token") || descOf(f).includes("subject_token_type")),
  },
  {
    id: "asset-invalid-actor-token",
    error: "invalid_request",
    description: "invalid actor token",
    where: ["token"],
    title: "The actor token is malformed",
    meaning:
      "The actor token must be a JWT whose payload is a JSON object naming the device: did (its id), Name, and optionally an Asset object (Name, SerialNumber, AccountId, ContactId) and a cnf claim with the device's RSA public key.",
    causes: [
      "It is not three base64url parts, or its header or payload is not JSON.",
      "A claim has the wrong type or length, an Asset field is unknown, or exp is past.",
      "cnf holds a private key, or a key shorter than 2048 bits.",
      "It is larger than 8 KB (actor token too large).",
    ],
    fix: [
      "Build the actor token as the flow page shows: did, Name, Asset, and cnf only when signing.",
    ],
    match: (f) =>
      f.error === "invalid_request" &&
      (descOf(f) === "invalid actor token" || descOf(f).includes("actor token too large")),
  },
  {
    id: "asset-actor-signature",
    error: "invalid_request",
    description: "invalid actor token signature",
    where: ["token"],
    title: "The actor token's signature does not prove the device key",
    meaning:
      "A signed actor token must be RS256, signed with the private key whose public half is its cnf.jwk claim; an unsigned one must not carry cnf. When the app requires signing, an unsigned token is refused (actor token must be signed).",
    causes: [
      "The token was signed with another key than the one in cnf, or altered after signing.",
      "It is signed with another algorithm (HS256, ES256…), or it is signed but has no cnf key.",
      "The app requires a signed actor token and this one is alg none.",
    ],
    fix: [
      "Sign the actor token with the device's private key and put its public JWK in cnf.jwk (RFC 7800 §3.2).",
    ],
    match: (f) =>
      f.error === "invalid_request" &&
      (descOf(f).includes("actor token signature") || descOf(f).includes("must be signed")),
  },
  {
    id: "asset-no-session",
    error: "NO_SESSION",
    where: ["this site"],
    title: "Sign in first: the asset token flow needs an access token",
    meaning:
      "The asset token flow does not log anyone in: it exchanges the access token of a session for an asset token describing a device.",
    causes: ["No one is signed in on the site, or the session ended."],
    fix: [
      "Sign in with another flow (the JWT Bearer flow is one click in the embedded org), then open /flows/asset-token again.",
    ],
    match: (f) => f.code === "NO_SESSION",
  },
  {
    id: "asset-claims-invalid",
    error: "ASSET_CLAIMS_INVALID",
    where: ["this site"],
    title: "The device's claims are not valid",
    meaning:
      "The site checks the device form before it builds the actor token: a device id and a name are required, each short and of plain characters.",
    causes: ["A field is empty, too long, or holds characters the form does not take."],
    fix: ["Correct the field the message names and start again."],
    match: (f) => f.code === "ASSET_CLAIMS_INVALID",
  },
]
