// Over 200 lines: data, one catalogue entry per 2025–26 org-policy refusal.
import { descOf, type CatalogueEntry } from "./catalogue-types"

type Failure = Parameters<CatalogueEntry["match"]>[0]
const errorIs =
  (...codes: string[]) =>
  (f: Failure) =>
    codes.includes(f.error ?? f.code ?? "")

const INSTALL_STEPS = [
  "Install the app: Setup → Connected Apps OAuth Usage → find the app → Install (an External Client App: Setup → Apps → External Client Apps → External Client App Manager → the app must be local to the org or installed from its package).",
  'Or let the users who need it use it uninstalled: give them the permission "Approve Uninstalled Connected Apps" (Setup → Users → Permission Sets → the set → System Permissions), or, with API Access Control on, "Use Any API Client".',
  "Wait 2 to 10 minutes for the change to reach the login servers, then start the flow again.",
]

/**
 * The refusals that come from an org's policies rather than from the client's code, most of them
 * new in 2025–26. Sources: the uninstalled-app restriction
 * (https://help.salesforce.com/s/articleView?id=005132365&type=1; the wire strings as captured in
 * https://github.com/forcedotcom/SalesforceMobileSDK-Android/issues/2759 and
 * https://github.com/forcedotcom/cli/issues/3482), API Access Control
 * (https://help.salesforce.com/s/articleView?id=sf.security_api_access_control_about.htm&type=5),
 * the My Domain login policy (https://help.salesforce.com/s/articleView?id=xcloud.domain_name_setting_login_policy.htm&type=5),
 * and the server's error codes as the Mobile SDK lists them
 * (https://github.com/forcedotcom/SalesforceMobileSDK-Android/blob/master/libs/SalesforceSDK/src/com/salesforce/androidsdk/auth/OAuthErrorCode.kt).
 */
export const POLICY_ENTRIES: CatalogueEntry[] = [
  {
    id: "oauth-approval-error-generic",
    error: "OAUTH_APPROVAL_ERROR_GENERIC",
    // Salesforce's page spells it "occured" (lib/emulator/pages/remote-access-error-page.ts cites
    // the captures); the corrected spelling is matched too, as people retype it.
    description: "An unexpected error has occured during authentication. Please try again.",
    phrases: [
      "We can't authorize you because of an OAuth error",
      "An unexpected error has occurred during authentication",
    ],
    where: ["authorize"],
    title: "OAuth Error: the app is blocked (usually: not installed in the org)",
    meaning:
      "Salesforce's page \"OAuth Error — We can't authorize you because of an OAuth error\" with this code. Since September 2025 it is what most users see when the connected app is not installed in the org they log in to; the message is generic, the cause almost always that block.",
    causes: [
      'The connected app is not installed in this org, and the user lacks "Approve Uninstalled Connected Apps".',
      'API Access Control is on and the app is not approved, and the user lacks "Use Any API Client".',
      "The app was created in a sandbox and cannot be installed in production (create it again in production, or package it).",
    ],
    fix: INSTALL_STEPS,
    fixSummary:
      'Install the app (Setup → Connected Apps OAuth Usage → Install), or give the user "Approve Uninstalled Connected Apps".',
    match: errorIs("OAUTH_APPROVAL_ERROR_GENERIC"),
  },
  {
    id: "app-must-be-installed",
    error: "invalid_client",
    description: "app must be installed into org",
    where: ["authorize", "token"],
    title: "The app must be installed into the org",
    meaning:
      "The uninstalled-app restriction (September 2025) in its OAuth form: the redirect back to the app, or the token endpoint, says the app is not installed.",
    causes: [
      'The connected app is not installed in this org, and the user lacks "Approve Uninstalled Connected Apps" (or "Use Any API Client" under API Access Control).',
      "The Device flow and the JWT Bearer flow are blocked the same way for uninstalled apps.",
    ],
    fix: INSTALL_STEPS,
    match: (f) => f.error === "invalid_client" && descOf(f).includes("must be installed"),
  },
  {
    id: "external-client-app-not-installed",
    error: "OAUTH_EC_APP_NOT_FOUND",
    description: "External client app is not installed",
    where: ["authorize"],
    title: "The External Client App is not installed in this org",
    meaning:
      "The External Client App behind the consumer key is not available in the org the user logs in to: it is local to another org, or its package is not installed.",
    causes: [
      "The ECA was created in another org (a sandbox, a developer org) and never packaged and installed here.",
      "The app's package was installed, but its OAuth policies were not deployed (ExtlClntAppOauthConfigurablePolicies).",
    ],
    fix: [
      "Create the External Client App in this org (Setup → Apps → External Client Apps → External Client App Manager → New External Client App), or install the package that holds it.",
      "Check its policies: Setup → Apps → External Client Apps → External Client App Manager → the app → Policies → Edit (permitted users, permission sets).",
    ],
    match: (f) =>
      errorIs("OAUTH_EC_APP_NOT_FOUND")(f) ||
      descOf(f).includes("external client app is not installed"),
  },
  {
    id: "api-access-control",
    error: "OAUTH_APP_BLOCKED",
    // The embedded org's wording (unverified: Salesforce does not publish it; docs/fidelity.md, F-173).
    description: "this app is blocked by admin",
    phrases: ["API Access Control"],
    where: ["authorize", "token"],
    title: "API Access Control blocks this app",
    meaning:
      'The org turned on API Access Control: only connected apps an admin installed and approved may call its APIs, unless the user holds "Use Any API Client".',
    causes: [
      "The app is not on the org's approved list (Connected Apps OAuth Usage), or it is blocked there.",
      'The user lacks "Use Any API Client".',
    ],
    fix: [
      'Setup → Connected Apps OAuth Usage → the app → Install, then Unblock if it is blocked; or give the user "Use Any API Client" (Setup → Users → Permission Sets → the set → System Permissions).',
      "Wait 2 to 10 minutes, then start the flow again.",
    ],
    match: (f) => errorIs("OAUTH_APP_BLOCKED", "app_blocked", "fail_close_app_blocked")(f),
  },
  {
    id: "api-disabled-for-org",
    error: "API_DISABLED_FOR_ORG",
    // The REST API's words (https://docs.sequin.io/integrations/salesforce/playbooks/enable-salesforce-api,
    // as the embedded org sends them); the SOAP API's "… Organization or Partner" is matched too.
    description: "The REST API is not enabled for this Organization.",
    phrases: ["API is not enabled for this Organization or Partner"],
    where: ["REST API"],
    title: "The API is not enabled for this org or this user",
    meaning:
      'The login worked, but the REST API refuses the user: the org\'s edition has no API access, or the user lacks the "API Enabled" permission.',
    causes: [
      'The user\'s profile or permission sets do not grant "API Enabled".',
      "The edition has no API access (Professional Edition without the API add-on, Essentials, Group).",
    ],
    fix: [
      'Setup → Users → Profiles → the user\'s profile → System Permissions → tick "API Enabled" (or grant it with a permission set: Setup → Users → Permission Sets).',
      "For an edition without API access, buy the add-on or use another org.",
    ],
    match: (f) =>
      errorIs("API_DISABLED_FOR_ORG")(f) || descOf(f).includes("api is not enabled for this"),
  },
  {
    id: "api-only-user",
    error: "Access Restricted for API Only Users",
    phrases: ["Insufficient Privileges"],
    where: ["authorize"],
    title: "An API Only user cannot log in on the login page",
    meaning:
      'A user with "API Only User" can call the APIs but cannot log in to the user interface, and the login page is part of the Web Server, User-Agent and Device flows.',
    causes: [
      'The user (an integration user) holds "API Only User", from the profile or a permission set (group).',
    ],
    fix: [
      "Use a flow without a login page for an integration user: JWT Bearer, or Client Credentials with the user as Run-As user.",
      'Or remove "API Only User": Setup → Users → Profiles → the profile → System Permissions (and the permission sets the user holds).',
    ],
    match: (f) => /api only user/i.test(`${f.error ?? ""} ${f.errorDescription ?? ""}`),
  },
  {
    id: "login-attempt-failed",
    error: "Your login attempt has failed",
    description:
      "The username or password may be incorrect, or your location or login time may be restricted.",
    where: ["authorize"],
    title: "The login page refused the user",
    meaning:
      "Salesforce's login page gives the same words for a wrong password, a frozen user, a login from outside the profile's Login IP Ranges and a login outside its Login Hours, so as not to tell an attacker which one it was. Login History (Setup → Security → Login History) names the real status.",
    causes: [
      "A wrong username or password.",
      "The user is frozen (Setup → Users → the user → Freeze).",
      "The login comes from an address outside the profile's Login IP Ranges, or outside its Login Hours.",
    ],
    fix: [
      "Read the user's Login History: Setup → Security → Login History (Status: Invalid Password, User is Frozen, Restricted IP, Restricted Time).",
      "Unfreeze the user: Setup → Users → Users → the user → Unfreeze.",
      "Add the address: Setup → Users → Profiles → the profile → Login IP Ranges → New; or, for the app, Setup → App Manager → the app → Manage → Edit Policies → IP Relaxation → Relax IP restrictions.",
    ],
    match: (f) => /your login attempt has failed/i.test(f.error ?? ""),
  },
  {
    id: "ip-restricted",
    error: "invalid_grant",
    description: "ip restricted",
    where: ["token"],
    title: "The login comes from an address the user's profile does not allow",
    meaning:
      "The user's profile has Login IP Ranges and the token request (or the refresh) came from outside them; the app does not relax IP restrictions.",
    causes: [
      "The server running the integration is not in the profile's Login IP Ranges.",
      "The org locks sessions to the IP address they started from, and the address changed.",
    ],
    fix: [
      "Setup → Users → Profiles → the user's profile → Login IP Ranges → New: add the server's address.",
      'Or relax them for this app: Setup → App Manager → the app → ▾ → Manage → Edit Policies → IP Relaxation → "Relax IP restrictions" (External Client App: Setup → Apps → External Client Apps → External Client App Manager → the app → Policies → Edit → OAuth Policies → IP Relaxation).',
    ],
    match: (f) =>
      (f.error === "invalid_grant" || f.error === "ip_restricted") &&
      /ip restricted/.test(descOf(f) || (f.error ?? "").replace("_", " ")),
  },
  {
    id: "my-domain-login-policy",
    error: "Restricted Domain",
    phrases: ["Prevent login from https://login.salesforce.com"],
    where: ["authorize"],
    title: "The org allows logins only at its My Domain",
    meaning:
      'The org\'s My Domain login policy "Prevent login from https://login.salesforce.com" is on, and the user (or the client) came through the generic login host. Login History shows the status "Restricted Domain".',
    causes: [
      "The client's login URL is https://login.salesforce.com (or test.salesforce.com for a sandbox) instead of the org's My Domain.",
    ],
    fix: [
      "Log in at the My Domain: set SALESFORCE_LOGIN_URL to https://MyDomainName.my.salesforce.com (Setup → Company Settings → My Domain shows it).",
      'Or, as the admin, allow the generic host again: Setup → Company Settings → My Domain → Routing and Policies → Edit → untick "Prevent login from https://login.salesforce.com".',
    ],
    match: (f) => /restricted domain/i.test(f.error ?? ""),
  },
  {
    id: "high-assurance-required",
    error: "invalid_session_level",
    // The embedded org's wording (unverified; the code is the server's, see the sources above).
    description: "high assurance session required",
    phrases: ["High Assurance"],
    where: ["authorize", "REST API"],
    title: "The app requires a high-assurance session",
    meaning:
      "The app's session policy (or the user's profile) asks for a \"High Assurance\" session level: a login without multi-factor authentication is not enough.",
    causes: [
      'The app\'s "High Assurance session required" policy, or the profile\'s "Session Security Level Required at Login".',
      "The user logged in without MFA (or the flow has no login at all, as JWT Bearer).",
    ],
    fix: [
      "Log in with multi-factor authentication (Setup → Identity Verification), then start the flow again.",
      'Or lower the requirement: Setup → App Manager → the app → Manage → Edit Policies → Session Policies → "High Assurance session required" (External Client App: Policies → Edit → Session Policies); the profile: Setup → Users → Profiles → Session Settings.',
    ],
    match: errorIs("invalid_session_level"),
  },
  {
    id: "login-rate-exceeded",
    error: "invalid_grant",
    description: "login rate exceeded",
    where: ["token"],
    title: "Too many logins for this user in the last hour",
    meaning:
      "Salesforce blocks token requests past 3,600 logins per user per hour. A client that logs in for every call instead of reusing its token meets it first.",
    causes: [
      "The integration asks for a new token for every API call (JWT Bearer, Client Credentials, password).",
      "Several integrations share one user.",
    ],
    fix: [
      "Reuse the access token until it expires (or the API answers INVALID_SESSION_ID), then get one new token.",
      "Give each integration its own user.",
    ],
    match: (f) => f.error === "invalid_grant" && descOf(f).includes("login rate exceeded"),
  },
  {
    id: "rate-limit-exceeded",
    error: "rate_limit_exceeded",
    description: "Number of logins exceeded",
    where: ["authorize"],
    title: "Too many authorize requests",
    meaning: "Salesforce refused the authorize request because the app made too many of them.",
    causes: [
      "A loop that starts the flow again and again (a redirect loop between the app and Salesforce).",
    ],
    fix: [
      "Find the loop (the browser's network panel), fix it, wait a few minutes, then start again.",
    ],
    match: errorIs("rate_limit_exceeded"),
  },
]
