import { descOf, PREAUTHORIZE_STEPS, type CatalogueEntry } from "./catalogue-types"

const saml = (f: Parameters<CatalogueEntry["match"]>[0], error: string, description: string) =>
  f.flow === "saml-bearer" && f.error === error && descOf(f).includes(description)

/** Setting up the certificate the SAML assertion is checked with. */
const CERTIFICATE_FIX =
  "Upload the certificate of the key that signs: Setup → App Manager → the app → Edit → API (Enable OAuth Settings) → Use digital signatures → Choose File (External Client App: Settings → OAuth Settings → upload the certificate). /setup/keys checks that a certificate matches the configured key."

/**
 * The SAML Bearer flow's errors
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5).
 * Salesforce answers most refusals with the one generic `invalid assertion`; the wire strings and
 * their sources are in docs/fidelity.md, F-211 to F-215. Listed first: the same strings mean
 * something else in the JWT Bearer and Web Server flows.
 */
export const SAML_ENTRIES: CatalogueEntry[] = [
  {
    id: "saml-invalid-assertion",
    error: "invalid_grant",
    description: "invalid assertion",
    where: ["SAML Bearer"],
    title: "Salesforce rejected the SAML assertion",
    meaning:
      "The assertion did not pass Salesforce's checks: its XML signature against the certificate uploaded to the app, then its Issuer, Audience, Recipient and subject. Salesforce gives the same answer for every one of them, so check each.",
    causes: [
      "The certificate uploaded to the app is not the one of the private key that signed.",
      'The signature is not an enveloped XML signature over the assertion\'s ID (Reference URI="#ID"), or not RSA-SHA256 with exclusive canonicalization, or the XML was changed (even re-indented) after signing.',
      "The Issuer is not the app's consumer key.",
      "The Audience is not the login server (https://login.salesforce.com, https://test.salesforce.com for a sandbox, or the Experience Cloud site URL), or the Recipient is not its /services/oauth2/token.",
      "The assertion was sent twice: each ID is accepted once.",
      "The assertion is not base64url-encoded, is wrapped in a Response, or carries a DOCTYPE.",
    ],
    fix: [
      CERTIFICATE_FIX,
      "Sign the finished XML last and send it as signed: base64url of the exact bytes, with no re-formatting.",
      "Set the Issuer to the consumer key, the Audience to the login server and the Recipient to its token endpoint (this site computes both from SALESFORCE_LOGIN_URL; SALESFORCE_JWT_AUDIENCE overrides the Audience).",
      "Build a new assertion, with a new ID, for each token request.",
    ],
    fixSummary:
      "Upload the certificate of the signing key to the app, and check the Issuer (consumer key), Audience (login server) and Recipient (token endpoint).",
    match: (f) => saml(f, "invalid_grant", "invalid assertion"),
  },
  {
    id: "saml-assertion-expired",
    error: "invalid_grant",
    description: "expired authorization code",
    where: ["SAML Bearer"],
    title: "The SAML assertion is outside its validity window",
    meaning:
      "Salesforce found the assertion's NotOnOrAfter already past, or its NotBefore still ahead, allowing 3 minutes of clock skew. It names this an expired authorization code, although the flow has none.",
    causes: [
      "The signing server's clock is wrong, or its times are written in local time instead of UTC (they must end in Z).",
      "The assertion was built long before it was sent.",
    ],
    fix: [
      "Sync the server clock (NTP) and write every time in UTC.",
      "Build and sign the assertion just before each token request, valid for a few minutes.",
    ],
    match: (f) => saml(f, "invalid_grant", "expired"),
  },
  {
    id: "saml-user-hasnt-approved",
    error: "invalid_grant",
    description: "user hasn't approved this consumer",
    where: ["SAML Bearer"],
    title: "The user in the NameID hasn't approved this app",
    meaning:
      "The SAML Bearer flow works only for previously authorized apps: Salesforce issues a token based on a prior approval of the app by the user in the NameID, or an admin's pre-authorization, exactly as for the JWT Bearer flow. It found none, or no such user.",
    causes: [
      "Nobody pre-authorized the user, and the user never approved the app interactively with the refresh_token scope.",
      "The NameID is not the user's Salesforce username (an email address is not always the username; a sandbox adds a suffix).",
      "The approval exists in another org: production and sandbox are separate.",
    ],
    fix: [
      "Recommended for integrations, pre-authorize the user:",
      ...PREAUTHORIZE_STEPS,
      "Or approve once: log in as that user and run the Web Server flow with the refresh_token scope (this site's Web Server flow does), press Allow, then retry the SAML Bearer flow.",
    ],
    fixSummary:
      "Pre-authorize the user on the app, or have the user approve the app once with the refresh_token scope.",
    match: (f) => saml(f, "invalid_grant", "hasn't approved this consumer"),
  },
]
