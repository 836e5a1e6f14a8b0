import type { FlowFailure } from "@/lib/flows/flow-error"

/** An explanation of a failure: what happened, why, and what to change (with Setup paths). */
export interface Explanation {
  title: string
  cause: string
  fix: string[]
  /** Offer to approve the app once through the Web Server flow (JWT Bearer, embedded org). */
  approveOnce?: boolean
}

const PREAUTHORIZE = [
  "Setup → App Manager → your app → Manage → Edit Policies: set Permitted Users to \"Admin approved users are pre-authorized\", then Save.",
  "On the app's Manage page: Profiles → Manage Profiles, or Permission Sets → Manage Permission Sets: add the profile or permission set of the user in sub. (External Client Apps: External Client App Manager → Policies → assign permission sets.)",
  "Check the app's OAuth scopes include refresh_token, offline_access and api.",
  "Since September 2025 the app must also be installed: Setup → Connected Apps OAuth Usage → Install.",
  "Wait 2–10 minutes for the policy change to reach the login servers, then try again.",
]

type Rule = { match: (f: FlowFailure) => boolean; explain: (f: FlowFailure, embedded: boolean) => Explanation }

const desc = (f: FlowFailure) => (f.errorDescription ?? "").toLowerCase()

const RULES: Rule[] = [
  {
    match: (f) => f.error === "invalid_grant" && desc(f).includes("hasn't approved this consumer"),
    explain: (f, embedded) => ({
      title: "The user hasn't approved this app",
      cause: `Salesforce found no prior approval of this app, with the refresh_token scope, for ${f.username ?? "the user in sub"}, and the user is not pre-authorized. JWT Bearer never shows a login page, so the approval must exist before.`,
      fix: embedded
        ? ["Approve the app once as this user through the Web Server flow (button below), then run the JWT Bearer flow again.", "Or, as admin@example.com, open the org settings and pre-authorize the user."]
        : [`Either approve once: log in as ${f.username ?? "the user"} on the same login host used as aud and run the Web Server flow with the refresh_token scope, then retry.`, "Or (recommended for integrations) pre-authorize:", ...PREAUTHORIZE],
      approveOnce: embedded && !!f.username,
    }),
  },
  {
    match: (f) => f.error === "invalid_grant" && /audience/.test(desc(f)),
    explain: () => ({
      title: "The assertion's audience is wrong",
      cause: "The aud claim must name the authorization server: https://login.salesforce.com for production (also with My Domain), https://test.salesforce.com for sandboxes, the site URL for Experience Cloud users.",
      fix: ["Check the login host: a sandbox user signs with aud https://test.salesforce.com.", "Set SALESFORCE_JWT_AUDIENCE only if your org needs another value."],
    }),
  },
  {
    match: (f) => f.error === "invalid_grant" && desc(f) === "invalid assertion",
    explain: () => ({
      title: "Salesforce rejected the assertion",
      cause: "The JWT's signature does not verify with the certificate uploaded to the app, or it has expired, or its claims are malformed (iss, sub, exp), or its jti was already used.",
      fix: ["Upload the certificate that matches SALESFORCE_PRIVATE_KEY: Setup → App Manager → your app → Edit → Use digital signatures.", "Check the server's clock (exp is at most 3 minutes ahead).", "Check iss is the app's consumer key."],
    }),
  },
  {
    match: (f) => f.error === "invalid_grant" && desc(f).includes("authorization code"),
    explain: () => ({
      title: "The authorization code expired or was already used",
      cause: "Codes live 15 minutes and work once; a reused code also revokes what it gave the first time.",
      fix: ["Start the flow again. If it keeps happening, look for a double submit or a proxy replaying the callback."],
    }),
  },
  {
    match: (f) => f.error === "invalid_grant" && desc(f).includes("expired access/refresh token"),
    explain: () => ({ title: "The token was revoked or expired", cause: "The refresh token was revoked (by a user, an admin, rotation, or the five-approvals limit) or expired by policy.", fix: ["Sign in again."] }),
  },
  {
    match: (f) => f.error === "invalid_client_id",
    explain: () => ({
      title: "Salesforce does not know this consumer key",
      cause: "The client_id (or the assertion's iss) is not the consumer key of an app in this org, or a new app has not propagated yet.",
      fix: ["Copy the consumer key again: Setup → App Manager → your app → View → Manage Consumer Details.", "A new or edited app takes 2–10 minutes to work.", "Check you log in to the org (production or sandbox) where the app lives."],
    }),
  },
  {
    match: (f) => f.error === "invalid_client",
    explain: () => ({
      title: "The client secret is wrong",
      cause: "Salesforce knows the consumer key but the consumer secret does not match it (or the app must be installed into the org).",
      fix: ["Copy the consumer secret again (Manage Consumer Details) into SALESFORCE_CLIENT_SECRET.", "If the description says the app must be installed: Setup → Connected Apps OAuth Usage → Install."],
    }),
  },
  {
    match: (f) => f.error === "redirect_uri_mismatch" || f.error === "redirect_uri_missing",
    explain: () => ({ title: "The callback URL is not registered", cause: "redirect_uri must equal one of the app's callback URLs, character for character.", fix: ["Add the site's callback URLs to the app (Setup → App Manager → your app → Edit → Callback URL), and wait a few minutes."] }),
  },
  {
    match: (f) => f.error === "access_denied",
    explain: () => ({ title: "Access was denied", cause: "The user pressed Deny on Salesforce's Allow Access page.", fix: ["Start again and press Allow."] }),
  },
  {
    match: (f) => f.error === "invalid_app_access",
    explain: () => ({
      title: "The user isn't approved by an admin for this app",
      cause: "The app's policy is \"Admin approved users are pre-authorized\" and this user has no profile or permission set assigned to it.",
      fix: ["On the app's Manage page, add the user's profile or a permission set they hold (Profiles → Manage Profiles, Permission Sets → Manage Permission Sets)."],
    }),
  },
  {
    match: (f) => f.error === "unsupported_response_type" || f.error === "oauth_flow_disabled",
    explain: () => ({
      title: "This flow is blocked or not supported",
      cause: "Salesforce refused the response_type. Orgs can block the user-agent flow (OAuth and OpenID Connect Settings, or the app's policy).",
      fix: ["Use the Web Server flow with PKCE, which Salesforce recommends.", "Or unblock the user-agent flow for the app if you really need it."],
    }),
  },
  {
    match: (f) => f.error === "invalid_request" && /code_challenge|code verifier/.test(desc(f)),
    explain: () => ({ title: "PKCE is missing or wrong", cause: "The org requires PKCE, or the code_verifier did not match the code_challenge sent at authorize.", fix: ["Send code_challenge (S256) at authorize and the matching code_verifier at the token step: this site always does; start again."] }),
  },
  {
    match: (f) => f.error === "invalid_request" && desc(f).includes("refresh_token scope is required"),
    explain: () => ({ title: "The app lacks the refresh_token scope", cause: "JWT Bearer needs the app to have the refresh_token (offline_access) scope.", fix: ["Add \"Perform requests at any time (refresh_token, offline_access)\" to the app's selected OAuth scopes.", ...PREAUTHORIZE.slice(3)] }),
  },
  {
    match: (f) => f.error === "inactive_user",
    explain: () => ({ title: "The user is inactive", cause: "Salesforce refuses logins and tokens for deactivated or frozen users.", fix: ["Activate the user (Setup → Users), or use another user."] }),
  },
  {
    match: (f) => f.error === "invalid_scope",
    explain: () => ({ title: "A requested scope is not allowed", cause: "The request asked for a scope the app does not have.", fix: ["Add the scope to the app's selected OAuth scopes, or remove it from SALESFORCE_SCOPES."] }),
  },
]

const SITE_CODES: Readonly<Record<string, Omit<Explanation, "approveOnce">>> = {
  STATE_MISSING: { title: "The callback had no state", cause: "The callback did not carry the state this site sent. It may be forged, or from another app.", fix: ["Start the flow again from this site."] },
  STATE_MISMATCH: { title: "The callback's state does not match", cause: "The state in the callback is not the one this browser sent: a forged or replayed callback (CSRF), or two sign-ins at once.", fix: ["Start the flow again, once, from this browser."] },
  FLOW_EXPIRED: { title: "This sign-in is not in progress", cause: "The one-time cookie of the flow is missing: it was completed already, expired after 10 minutes, or started in another browser.", fix: ["Start the flow again."] },
  MISSING_CODE: { title: "The callback had no code", cause: "Salesforce redirected without an authorization code or an error.", fix: ["Start the flow again."] },
  MISSING_TOKEN: { title: "The fragment had no token", cause: "The callback fragment carried no access_token or error.", fix: ["Start the flow again."] },
  NETWORK: { title: "Salesforce could not be reached", cause: "The site's request to Salesforce failed before any answer (DNS, TLS, connection refused).", fix: ["Check SALESFORCE_LOGIN_URL and the server's network access, then try again."] },
  TIMEOUT: { title: "Salesforce did not answer in time", cause: "No answer within 10 seconds.", fix: ["Try again; check the login URL and network."] },
  NON_JSON_RESPONSE: { title: "Salesforce answered something other than JSON", cause: "An HTML page or other content came back instead of an OAuth answer: a wrong login URL, a proxy, or maintenance.", fix: ["Check SALESFORCE_LOGIN_URL points at a Salesforce login server or My Domain, then try again."] },
  UNEXPECTED_RESPONSE: { title: "Salesforce's answer was incomplete", cause: "The response lacked fields every Salesforce token response has.", fix: ["Check SALESFORCE_LOGIN_URL; try again."] },
  INVALID_SIGNATURE: { title: "The response's signature is wrong", cause: "HMAC-SHA256(client secret, id + issued_at) does not match: the response did not come from the org with this app's secret, or was altered.", fix: ["Check SALESFORCE_CLIENT_SECRET. If it is right, treat this as an attack: the tokens were not used."] },
  ID_TOKEN_INVALID: { title: "The id_token did not verify", cause: "Its signature, issuer, audience, expiry or nonce is wrong.", fix: ["Check the server's clock and SALESFORCE_LOGIN_URL (the issuer). If they are right, treat this as an attack: the tokens were not used."] },
  FOREIGN_TOKEN: { title: "The token is not this app's", cause: "Introspection says the token is inactive, issued to another app, or for another user: a token injected into the fragment.", fix: ["Start the flow again from this site. The token was not used."] },
  UNTRUSTED_URL: { title: "The response points outside the org", cause: "The id or instance_url is not on the org's domains, so the site refused to send a token there.", fix: ["Check SALESFORCE_LOGIN_URL. A forged response would look like this."] },
  USERNAME_NOT_ALLOWED: { title: "That username is not configured", cause: "The site signs assertions only for usernames its operator configured.", fix: ["Add it to SALESFORCE_JWT_USERNAMES (or SALESFORCE_USERNAME)."] },
  KEY_INVALID: { title: "The private key cannot be used", cause: "SALESFORCE_PRIVATE_KEY(_FILE) is not an RSA private key in PEM.", fix: ["Use the key whose certificate is uploaded to the app (openssl genrsa / pkcs8 PEM)."] },
  CONFIG_INVALID: { title: "The configuration is incomplete", cause: "A required variable is missing.", fix: ["See the home page for every configuration problem."] },
  UNEXPECTED: { title: "Something went wrong", cause: "The site hit an unexpected error while completing the flow.", fix: ["Try again; if it persists, check the server log."] },
}

export function explainFailure(f: FlowFailure, embedded: boolean): Explanation {
  const rule = RULES.find((r) => r.match(f))
  if (rule) return rule.explain(f, embedded)
  if (f.code && Object.hasOwn(SITE_CODES, f.code)) return SITE_CODES[f.code]!
  if (f.error) return { title: `Salesforce answered ${f.error}`, cause: "Salesforce refused the request; its description is shown above.", fix: ["Check the app's settings in Setup → App Manager, then try again."] }
  return SITE_CODES.UNEXPECTED!
}
