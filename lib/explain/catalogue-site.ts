// Over 200 lines: data, one catalogue entry per error the site itself reports.
import type { CatalogueEntry } from "./catalogue-types"

const code = (c: string) => (f: Parameters<CatalogueEntry["match"]>[0]) => f.code === c

/** REST API errors a token meets (an array of { message, errorCode }). */
export const API_ENTRIES: CatalogueEntry[] = [
  {
    id: "invalid-session-id",
    error: "INVALID_SESSION_ID",
    description: "Session expired or invalid",
    where: ["REST API"],
    title: "The access token is not valid (any more)",
    meaning: "The REST API refuses the token with HTTP 401.",
    causes: [
      "The token expired (the session timeout; Salesforce sends no expires_in: introspect to learn exp).",
      "It was revoked (revoke endpoint, sign-out, an admin).",
      'It lacks the api scope ("This session is not valid for use with the REST API").',
      "It belongs to another org or instance.",
    ],
    fix: [
      "Refresh it with the refresh token, or sign in again. Clients such as jsforce refresh on this error automatically when they hold a refresh token.",
    ],
    match: (f) => f.error === "INVALID_SESSION_ID",
  },
  {
    id: "bad-oauth-token",
    error: "Bad_OAuth_Token",
    where: ["REST API"],
    title: "The identity URL or userinfo refused the token",
    meaning:
      "The identity URL and userinfo answer a missing, expired, revoked or unknown access token with HTTP 403 and the plain text Bad_OAuth_Token, where the REST API answers 401 INVALID_SESSION_ID (https://github.com/jsforce/jsforce/pull/736).",
    causes: [
      "The token expired (the session timeout counts inactivity) or was revoked.",
      "The token was sent in RFC 6750's access_token parameter: Salesforce reads the Authorization header or oauth_token.",
    ],
    fix: [
      "Refresh the token, or sign in again. A client that refreshes only on 401 must also treat this 403 as an expired session.",
    ],
    match: (f) => f.error === "Bad_OAuth_Token",
  },
  {
    id: "malformed-query",
    error: "MALFORMED_QUERY",
    where: ["REST API"],
    title: "The SOQL query does not parse",
    meaning: "Salesforce points at the token it could not read (Row and Column in the message).",
    causes: ["A typo in a keyword or a missing quote."],
    fix: ["Fix the query at the position shown."],
    match: (f) => f.error === "MALFORMED_QUERY",
  },
  {
    id: "invalid-type",
    error: "INVALID_TYPE",
    where: ["REST API"],
    title: "Unknown object in the query",
    meaning: "The FROM object does not exist or the user cannot see it.",
    causes: ["A custom object without __c, or an object the user's profile hides."],
    fix: ["Check the object's API name (Setup → Object Manager)."],
    match: (f) => f.error === "INVALID_TYPE",
  },
]

/** The site's own checks, each refusing to use a response it cannot trust. */
export const SITE_ENTRIES: CatalogueEntry[] = [
  {
    id: "state-missing",
    error: "STATE_MISSING",
    where: ["this site"],
    title: "The callback had no state",
    meaning: "The callback did not carry the state this site sent.",
    causes: ["A forged callback (login CSRF), or a callback meant for another app."],
    fix: ["Start the flow again from this site."],
    match: code("STATE_MISSING"),
  },
  {
    // Before state-mismatch: the Device flow's polls name the flow their page shows.
    id: "device-code-replaced",
    error: "STATE_MISMATCH",
    where: ["this site"],
    title: "A newer device code replaced this page's",
    meaning:
      "This page waits for a code that is no longer the one this browser's Device flow holds: Start was pressed again, in another tab or window, and the newer flow replaced it.",
    causes: [
      "Two Device flows started in one browser: only the newest is polled.",
      "The code shown here was approved after a newer one was requested.",
    ],
    fix: ["Use the page that shows the newest code, or start again and approve the code it shows."],
    match: (f) => f.code === "STATE_MISMATCH" && f.flow === "device",
  },
  {
    id: "state-mismatch",
    error: "STATE_MISMATCH",
    where: ["this site"],
    title: "The callback's state does not match",
    meaning: "The state in the callback is not the one this browser sent.",
    causes: ["A forged or replayed callback (CSRF).", "Two sign-ins started at once in two tabs."],
    fix: ["Start the flow again, once, from this browser."],
    match: code("STATE_MISMATCH"),
  },
  {
    id: "flow-expired",
    error: "FLOW_EXPIRED",
    where: ["this site"],
    title: "This sign-in is not in progress",
    meaning: "The flow's one-time cookie is missing.",
    causes: [
      "The callback was already used (a reload or the back button).",
      "More than 10 minutes passed.",
      "The flow started in another browser, or cookies are blocked.",
    ],
    fix: ["Start the flow again."],
    match: code("FLOW_EXPIRED"),
  },
  {
    id: "state-reused",
    error: "STATE_REUSED",
    where: ["this site"],
    title: "This sign-in was already completed",
    meaning:
      "The callback's state belongs to a sign-in that already finished: the site records every used state until its flow cookie expires, so a callback counts once.",
    causes: [
      "A copied flow cookie replayed with its callback (someone else's browser, or a captured request).",
      "The callback was sent twice, for example by reloading it in a browser that kept the old cookie.",
    ],
    fix: ["Start again: a new sign-in gets a new state."],
    match: code("STATE_REUSED"),
  },
  {
    id: "missing-code",
    error: "MISSING_CODE",
    where: ["this site"],
    title: "The callback had no code",
    meaning: "Salesforce redirected without a code or an error.",
    causes: ["A hand-made or truncated callback URL."],
    fix: ["Start the flow again."],
    match: code("MISSING_CODE"),
  },
  {
    id: "missing-token",
    error: "MISSING_TOKEN",
    where: ["this site"],
    title: "No token where one was needed",
    meaning:
      "The fragment carried no access_token, or the session has no refresh token for this action.",
    causes: [
      "A truncated callback URL, or a flow that issues no refresh token (JWT Bearer, User-Agent).",
    ],
    fix: ["Start the flow again; use the Web Server flow with refresh_token for a refresh token."],
    match: code("MISSING_TOKEN"),
  },
  {
    id: "network",
    error: "NETWORK",
    where: ["this site"],
    title: "Salesforce could not be reached",
    meaning: "The request failed before any answer.",
    causes: ["A wrong SALESFORCE_LOGIN_URL (DNS), TLS interception, a firewall or proxy."],
    fix: ["Check SALESFORCE_LOGIN_URL and the server's outbound network, then retry."],
    match: code("NETWORK"),
  },
  {
    id: "timeout",
    error: "TIMEOUT",
    where: ["this site"],
    title: "Salesforce did not answer in time",
    meaning: "No answer within 10 seconds.",
    causes: ["Network trouble or an outage (status.salesforce.com)."],
    fix: ["Retry in a moment."],
    match: code("TIMEOUT"),
  },
  {
    id: "non-json-response",
    error: "NON_JSON_RESPONSE",
    where: ["this site"],
    title: "Salesforce answered something other than JSON",
    meaning: "An HTML page or other content came back instead of an OAuth answer.",
    causes: [
      "SALESFORCE_LOGIN_URL points at a web page, not a login server or My Domain.",
      "A proxy's error page, or maintenance.",
    ],
    fix: [
      "Check SALESFORCE_LOGIN_URL (for example https://login.salesforce.com or https://MyDomain.my.salesforce.com).",
    ],
    match: code("NON_JSON_RESPONSE"),
  },
  {
    id: "unexpected-response",
    error: "UNEXPECTED_RESPONSE",
    where: ["this site"],
    title: "Salesforce's answer was incomplete",
    meaning:
      "The response lacked fields every Salesforce token response has (access_token, instance_url, id).",
    causes: ["A server that is not Salesforce, or an intercepting proxy."],
    fix: ["Check SALESFORCE_LOGIN_URL."],
    match: code("UNEXPECTED_RESPONSE"),
  },
  {
    id: "invalid-signature",
    error: "INVALID_SIGNATURE",
    where: ["this site"],
    title: "The response's signature is wrong",
    meaning: "HMAC-SHA256(client secret, id + issued_at) does not match the signature field.",
    causes: [
      "SALESFORCE_CLIENT_SECRET is wrong.",
      "The response (or a User-Agent fragment) was forged or altered.",
    ],
    fix: [
      "Check SALESFORCE_CLIENT_SECRET. If it is right, treat this as an attack: the tokens were not used.",
    ],
    match: code("INVALID_SIGNATURE"),
  },
  {
    id: "id-token-invalid",
    error: "ID_TOKEN_INVALID",
    where: ["this site"],
    title: "The id_token did not verify",
    meaning: "Its signature (JWKS by kid), issuer, audience, expiry or nonce is wrong.",
    causes: [
      "The server's clock is off by minutes.",
      "SALESFORCE_LOGIN_URL is not the issuer (a My Domain vs login.salesforce.com mismatch).",
      "A forged or replayed id_token.",
    ],
    fix: [
      "Sync the clock; check SALESFORCE_LOGIN_URL. Otherwise treat this as an attack: the tokens were not used.",
    ],
    match: code("ID_TOKEN_INVALID"),
  },
  {
    id: "foreign-token",
    error: "FOREIGN_TOKEN",
    where: ["this site"],
    title: "The token is not this app's",
    meaning:
      "Introspection says the token is inactive, issued to another app, or for another user.",
    causes: ["A token injected into the User-Agent callback's fragment."],
    fix: ["Start the flow again from this site; the token was not used."],
    match: code("FOREIGN_TOKEN"),
  },
  {
    id: "untrusted-url",
    error: "UNTRUSTED_URL",
    where: ["this site"],
    title: "The response points outside the org",
    meaning:
      "The id or instance_url is not on the org's domains, so the site refused to send a token there.",
    causes: ["A forged response, or a login URL that is not Salesforce's."],
    fix: ["Check SALESFORCE_LOGIN_URL."],
    match: code("UNTRUSTED_URL"),
  },
  {
    id: "username-not-allowed",
    error: "USERNAME_NOT_ALLOWED",
    where: ["this site"],
    title: "That username is not configured",
    meaning: "The site signs JWT assertions only for usernames its operator configured.",
    causes: ["The username is not in SALESFORCE_USERNAME or SALESFORCE_JWT_USERNAMES."],
    fix: ["Add it to SALESFORCE_JWT_USERNAMES and restart."],
    match: code("USERNAME_NOT_ALLOWED"),
  },
  {
    id: "key-invalid",
    error: "KEY_INVALID",
    where: ["this site"],
    title: "The private key cannot be used",
    meaning: "SALESFORCE_PRIVATE_KEY(_FILE) is not an RSA private key in PEM.",
    causes: ["An encrypted key, a certificate instead of a key, or an EC key."],
    fix: ["Use the RSA key whose certificate is on the app; /setup/keys makes a new pair."],
    match: code("KEY_INVALID"),
  },
  {
    id: "config-invalid",
    error: "CONFIG_INVALID",
    where: ["this site"],
    title: "The configuration is incomplete",
    meaning: "A required variable is missing or invalid.",
    causes: ["See /setup for each variable."],
    fix: ["Fix the variables listed on /setup and restart."],
    match: code("CONFIG_INVALID"),
  },
]
