// Over 200 lines: data, one catalogue entry per error Salesforce answers.
import { descOf, PREAUTHORIZE_STEPS, type CatalogueEntry } from "./catalogue-types"

const is = (error: string, description?: string) => (f: Parameters<CatalogueEntry["match"]>[0]) =>
  f.error === error && (description === undefined || descOf(f).includes(description))

/**
 * Salesforce's OAuth errors, most frequent first: https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_flow_errors.htm,
 * the JWT Bearer page's error table (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5)
 * and the server's error codes as the Mobile SDK lists them (https://github.com/forcedotcom/SalesforceMobileSDK-Android/blob/master/libs/SalesforceSDK/src/com/salesforce/androidsdk/auth/OAuthErrorCode.kt).
 */
export const OAUTH_ENTRIES: CatalogueEntry[] = [
  {
    id: "user-hasnt-approved-this-consumer",
    error: "invalid_grant",
    description: "user hasn't approved this consumer",
    where: ["JWT Bearer"],
    title: "The user hasn't approved this app",
    meaning:
      'Salesforce looked for a prior approval of this app by the user in sub and found none. JWT Bearer never shows a login or consent page, so the approval has to exist before the first assertion. Salesforce accepts two kinds: the user is pre-authorized by an admin (profile or permission set, under the policy "Admin approved users are pre-authorized"), or, under "All users may self-authorize", the user once approved the app in an interactive flow that granted the refresh_token scope.',
    causes: [
      "Nobody pre-authorized the user, and the user never approved the app interactively.",
      "The user approved the app, but without the refresh_token (offline_access) scope: only approvals that include it count.",
      "sub is not the user's Salesforce username (an email address is not always the username), or it is a sandbox user without the sandbox suffix (user@acme.com.uat).",
      "The approval exists in another org: production and sandbox are separate, and aud must match the org (login vs test).",
      "The approval was revoked (by the user, an admin, or when a sixth approval replaced the oldest).",
      "A brand-new user in a new scratch org or sandbox that was never pre-authorized.",
    ],
    fix: [
      "Recommended for integrations, pre-authorize the user:",
      ...PREAUTHORIZE_STEPS,
      "Or approve once: log in as that user on the same login host as aud and run the Web Server flow with the refresh_token scope (this site's Web Server flow does), press Allow, then retry JWT Bearer. Since December 2025, uninstalled apps cannot be self-authorized this way: install the app first.",
    ],
    fixSummary:
      'Pre-authorize the user (policy "Admin approved users are pre-authorized" and the user\'s profile or permission set on the app), or have the user approve the app once with the refresh_token scope.',
    match: is("invalid_grant", "hasn't approved this consumer"),
  },
  {
    id: "audience-is-invalid",
    error: "invalid_grant",
    description: "audience is invalid",
    where: ["JWT Bearer"],
    title: "The assertion's audience is wrong",
    meaning:
      "aud must name Salesforce's authorization server for the org, not the URL you post to.",
    causes: [
      "A production org needs https://login.salesforce.com, also when you post to its My Domain.",
      "A sandbox needs https://test.salesforce.com (the seed demo always sent login.salesforce.com).",
      "An Experience Cloud user needs the site URL.",
      'Salesforce\'s documented example wording is "Audience validation failed".',
    ],
    fix: [
      "Let this site compute aud from SALESFORCE_LOGIN_URL (see /setup), or set SALESFORCE_JWT_AUDIENCE only if your org needs another value.",
    ],
    match: (f) => f.error === "invalid_grant" && /audience/.test(descOf(f)),
  },
  {
    id: "invalid-assertion",
    error: "invalid_grant",
    description: "invalid assertion",
    where: ["JWT Bearer"],
    title: "Salesforce rejected the assertion",
    meaning: "The JWT did not pass Salesforce's checks of its signature or claims.",
    causes: [
      "The certificate uploaded to the app is not the one of the private key that signed (check it on /setup/keys).",
      "exp is in the past: the server's clock is wrong, or the assertion was kept too long (it must be signed within 3 minutes of use).",
      "iss is not the app's consumer key, or the header is not RS256.",
      "The same jti was sent twice.",
    ],
    fix: [
      "Upload the matching certificate: Setup → App Manager → the app → Edit → Use digital signatures → Choose File (External Client App: Settings → OAuth Settings → Enable JWT Bearer Flow → upload).",
      "Sync the server clock (NTP).",
      "Sign a new assertion for each token request.",
    ],
    match: is("invalid_grant", "invalid assertion"),
  },
  {
    id: "expired-authorization-code",
    error: "invalid_grant",
    description: "expired authorization code",
    where: ["token"],
    title: "The authorization code expired or was already used",
    meaning:
      "Codes live 15 minutes and work once. A reused code also revokes what its first use issued.",
    causes: [
      "The callback was loaded twice (reload, back button, double submit, a proxy or link preview).",
      "More than 15 minutes passed between the redirect and the exchange.",
    ],
    fix: ["Start the flow again; make sure the callback is processed once."],
    match: (f) => f.error === "invalid_grant" && descOf(f).includes("authorization code"),
  },
  {
    id: "expired-access-refresh-token",
    error: "invalid_grant",
    description: "expired access/refresh token",
    where: ["token"],
    title: "The refresh token was revoked or expired",
    meaning: "The refresh token no longer works.",
    causes: [
      "The user or an admin revoked the app's access (Connected Apps OAuth Usage, or the user's Connected Apps list).",
      "Refresh-token rotation is on and an old refresh token was reused: the whole family is revoked.",
      "The refresh token policy expired it (idle or absolute lifetime).",
      "A sixth approval for the same user and app revoked the oldest.",
    ],
    fix: [
      "Sign in again to get a new refresh token.",
      "With rotation on, always store the refresh token each refresh returns.",
    ],
    match: is("invalid_grant", "expired access/refresh token"),
  },
  {
    id: "authentication-failure",
    error: "invalid_grant",
    description: "authentication failure",
    where: ["token", "JWT Bearer"],
    title: "Authentication failure",
    meaning: "Salesforce's generic refusal of a grant.",
    causes: [
      "The redirect_uri at the token step differs from the authorize step.",
      "The wrong host: a sandbox user at login.salesforce.com or the reverse.",
      "IP restrictions or login hours on the profile or the app.",
      "The username-password flow, blocked by default in orgs created since Summer '23.",
    ],
    fix: [
      "Use the same redirect_uri in both steps and the right login host.",
      "Check the user's Login History (Setup → Users → the user) for the exact reason.",
    ],
    match: is("invalid_grant", "authentication failure"),
  },
  {
    id: "invalid-client-id",
    error: "invalid_client_id",
    description: "client identifier invalid",
    where: ["authorize", "token", "JWT Bearer"],
    title: "Salesforce does not know this consumer key",
    meaning:
      "The client_id (or the assertion's iss) is not the consumer key of an app in this org.",
    causes: [
      "A typo or a truncated copy of the consumer key.",
      "The app was created or changed less than 2–10 minutes ago.",
      "The app lives in another org (production vs sandbox: a sandbox refresh copies apps, but a new app in production is not in existing sandboxes).",
    ],
    fix: [
      "Copy the consumer key again: Setup → App Manager → the app → ▾ → View → Manage Consumer Details (External Client App: Settings → OAuth Settings → Consumer Key and Secret).",
      "Wait a few minutes after creating the app.",
      "Check SALESFORCE_LOGIN_URL points at the org that holds the app.",
    ],
    match: (f) => f.error === "invalid_client_id",
  },
  {
    id: "client-assertion-audience",
    error: "invalid_client",
    description: "audience is invalid",
    where: ["token"],
    title: "The client assertion names another audience",
    meaning:
      "The Web Server or Refresh Token request authenticated the app with a private key JWT (client_assertion, RFC 7523), and its aud is not this org's token endpoint or login server. Which aud values Salesforce accepts for a client assertion is not documented; the embedded org takes the token endpoint URL it was sent to, at My Domain or at the login host, or the bare host.",
    causes: [
      "The assertion was built for login.salesforce.com while the request went to a sandbox or My Domain (or the other way round).",
      "A proxy or a copied URL changed the host between the aud claim and the request.",
    ],
    fix: [
      "Set aud to the exact token endpoint URL the request is posted to (…/services/oauth2/token).",
    ],
    match: is("invalid_client", "audience is invalid"),
  },
  {
    id: "client-assertion-invalid",
    error: "invalid_client",
    description: "invalid assertion",
    where: ["token"],
    title: "The client assertion was refused",
    meaning:
      "The app authenticated with a private key JWT instead of its secret, and the JWT did not prove it: its signature does not verify against the certificate uploaded to the app, iss or sub is not the consumer key, exp has passed, or its jti was used before (a client assertion is single-use).",
    causes: [
      "The private key does not belong to the certificate on the app (a new key, or another app's).",
      "The assertion was replayed, or sent twice by a retry: every request needs a fresh jti.",
      "exp is in the past (the server's clock is wrong, or the assertion was made too early).",
      "sub is a username, as in the JWT Bearer flow; for client authentication it is the consumer key.",
      "client_assertion_type is not urn:ietf:params:oauth:client-assertion-type:jwt-bearer.",
    ],
    fix: [
      "Upload the certificate of the key you sign with: Setup → App Manager → the app → Edit → Use digital signatures.",
      "Sign a new assertion for every token request: iss = sub = the consumer key, aud = the token endpoint, exp a few minutes ahead, a random jti, RS256.",
    ],
    match: (f) =>
      f.error === "invalid_client" &&
      (descOf(f).includes("invalid assertion") || descOf(f).includes("client assertion type")),
  },
  {
    id: "invalid-client",
    error: "invalid_client",
    description: "invalid client credentials",
    where: ["token"],
    title: "The consumer secret is wrong (or the app is not installed)",
    meaning:
      "Salesforce knows the consumer key, but the secret does not match, or the app must be installed first.",
    causes: [
      "SALESFORCE_CLIENT_SECRET is from another app or was regenerated.",
      '"app must be installed into org": since September 2025, uninstalled connected apps are blocked.',
      'No secret was sent (a public client, "None (PKCE only)") while the app\'s "Require Secret for Web Server Flow" (or "… for Refresh Token Flow") is on.',
      "A public client sent a secret anyway, and it was wrong: a secret that is sent is always checked.",
    ],
    fix: [
      "Copy the consumer secret again (Manage Consumer Details).",
      'For "app must be installed into org": Setup → Connected Apps OAuth Usage → the app → Install.',
      'For a public client: Setup → App Manager → the app → Edit → uncheck "Require Secret for Web Server Flow" (and "Require Secret for Refresh Token Flow" to refresh without it), and send no client_secret at all.',
    ],
    match: (f) => f.error === "invalid_client",
  },
  {
    id: "redirect-uri-mismatch",
    error: "redirect_uri_mismatch",
    description: "redirect_uri must match configuration",
    where: ["authorize", "token"],
    title: "The callback URL is not registered",
    meaning:
      "redirect_uri must equal one of the app's callback URLs, character for character: scheme, host, port, path, trailing slash.",
    causes: [
      "The site's URL changed (port, http vs https, a proxy) and NEXTAUTH_URL with it.",
      "The callback was registered with a trailing slash or another path.",
    ],
    fix: [
      "Register the exact callback URLs listed on /setup: Setup → App Manager → the app → Edit → Callback URL (one per line). Wait a few minutes.",
    ],
    match: (f) => f.error === "redirect_uri_mismatch" || f.error === "redirect_uri_missing",
  },
  {
    id: "access-denied",
    error: "access_denied",
    description: "end-user denied authorization",
    where: ["authorize"],
    title: "Access was denied",
    meaning: "The user pressed Deny on Salesforce's Allow Access page.",
    causes: ["The user declined."],
    fix: ["Start again and press Allow."],
    match: (f) => f.error === "access_denied",
  },
  {
    id: "invalid-app-access",
    error: "invalid_app_access",
    description: "user is not admin approved to access this app",
    where: ["authorize", "JWT Bearer"],
    title: "The user isn't approved by an admin for this app",
    meaning:
      'The app\'s policy is "Admin approved users are pre-authorized", and this user has no profile or permission set assigned to it.',
    causes: ["The user's profile or permission set is not on the app's Manage page."],
    fix: [
      "On the app's Manage page, add the user's profile (Profiles → Manage Profiles) or a permission set the user holds (Permission Sets → Manage Permission Sets).",
    ],
    match: (f) => f.error === "invalid_app_access",
  },
  {
    id: "refresh-token-scope-required",
    error: "invalid_request",
    description: "refresh_token scope is required. Install and preauthorize the app.",
    where: ["JWT Bearer"],
    title: "The app lacks the refresh_token scope",
    meaning: "JWT Bearer (and SAML bearer) need the app to have the refresh_token scope.",
    causes: [
      'The app\'s Selected OAuth Scopes do not include "Perform requests at any time (refresh_token, offline_access)".',
    ],
    fix: [
      "Add that scope to the app, then install and pre-authorize it:",
      ...PREAUTHORIZE_STEPS.slice(1),
    ],
    fixSummary:
      'Add "Perform requests at any time (refresh_token, offline_access)" to the app\'s OAuth scopes, then install and pre-authorize the app.',
    match: is("invalid_request", "refresh_token scope is required"),
  },
  {
    id: "pkce-required",
    error: "invalid_request",
    description: "missing code_challenge / invalid code verifier",
    where: ["authorize", "token"],
    title: "PKCE is missing or wrong",
    meaning:
      "The org or the app requires PKCE, or the code_verifier does not hash to the code_challenge sent at authorize. At the token endpoint both a missing and a wrong verifier are invalid_grant (one Salesforce page says invalid_request for a wrong one).",
    causes: [
      'A client that never sends code_challenge, against an app with "Require PKCE".',
      "The verifier was lost or swapped between the two steps (another tab, another session).",
    ],
    fix: [
      "Send code_challenge (S256) at authorize and the matching code_verifier at the token step: this site always does; start again.",
    ],
    match: (f) =>
      (f.error === "invalid_request" || f.error === "invalid_grant") &&
      /code_challenge|code verifier|code challenge/.test(descOf(f)),
  },
  {
    id: "unsupported-response-type",
    error: "unsupported_response_type",
    description: "response type not supported",
    where: ["authorize"],
    title: "This flow is blocked or not supported",
    meaning: "Salesforce refused the response_type. Orgs and apps can block the user-agent flow.",
    causes: [
      'OAuth and OpenID Connect Settings → "Block authorization flows using the user-agent flow" is on, or the app blocks it.',
      "A response_type Salesforce does not know.",
    ],
    fix: [
      "Use the Web Server flow with PKCE, which Salesforce recommends.",
      "Or allow the user-agent flow in OAuth and OpenID Connect Settings, if you must.",
    ],
    match: (f) => f.error === "unsupported_response_type" || f.error === "oauth_flow_disabled",
  },
  {
    id: "inactive-user",
    error: "inactive_user",
    description: "user is inactive",
    where: ["authorize", "token", "JWT Bearer"],
    title: "The user is inactive",
    meaning:
      "Salesforce refuses logins and tokens for deactivated or frozen users: inactive_user on the authorize callback, invalid_grant / inactive user at the token endpoint.",
    causes: ["The user was deactivated or frozen."],
    fix: ["Activate or unfreeze the user (Setup → Users), or use another user."],
    // The authorize callback says inactive_user; the token endpoint says invalid_grant / inactive user.
    match: (f) =>
      f.error === "inactive_user" || (f.error === "invalid_grant" && descOf(f) === "inactive user"),
  },
  {
    id: "invalid-scope",
    error: "invalid_scope",
    description: "the requested scope is not allowed",
    where: ["authorize", "token"],
    title: "A requested scope is not allowed",
    meaning:
      "The request asked for a scope the app does not have (or, on refresh, more than was granted).",
    causes: ["SALESFORCE_SCOPES names a scope that is not among the app's Selected OAuth Scopes."],
    fix: ["Add the scope to the app, or remove it from SALESFORCE_SCOPES."],
    match: (f) => f.error === "invalid_scope",
  },
  {
    id: "immediate-unsuccessful",
    error: "immediate_unsuccessful",
    description: "immediate unsuccessful",
    where: ["authorize"],
    title: "A silent sign-in was not possible",
    meaning:
      "With immediate=true, Salesforce needed the user (a login or the consent page) and stopped instead.",
    causes: ["No Salesforce session in the browser, or the app not yet approved."],
    fix: ["Retry without immediate=true."],
    match: (f) => f.error === "immediate_unsuccessful",
  },
  {
    id: "unsupported-grant-type",
    error: "unsupported_grant_type",
    description: "grant type not supported",
    where: ["token"],
    title: "Unknown grant_type",
    meaning: "The token request's grant_type is missing, misspelled or not enabled.",
    causes: [
      "A typo in urn:ietf:params:oauth:grant-type:jwt-bearer.",
      "A body sent as JSON instead of application/x-www-form-urlencoded.",
    ],
    fix: ["Send a form-encoded body with the exact grant_type."],
    match: (f) => f.error === "unsupported_grant_type",
  },
]
