// Over 200 lines: data, one entry per /diagnose scenario (the org side is lib/emulator/control/scenario-patches.ts).
import type { FlowName } from "@/lib/auth/session-types"

/**
 * One failure the embedded org can be put into with *Break it*, and taken out of with *Fix it*
 * (the org's side, the patches, is lib/emulator/control/scenario-patches.ts under the same id).
 * Adding a scenario: one entry here, one there, and one browser test (tests/e2e/diagnose-*.spec.ts).
 */
export interface Scenario {
  id: string
  title: string
  flow: FlowName
  /** The flow page the user runs it from. */
  flowPath: string
  /** How to run it: who logs in, what to choose on the flow page. */
  run: string
  /** What *Break it* changes, in the org's Setup terms. */
  breaks: string
  /** What the site's error page shows: Salesforce's `error` and `error_description`, exactly. */
  error: string
  errorDescription: string
  /** What *Fix it* changes, with the Setup path on a real org. */
  fix: string
  /** The /errors entry that explains it. */
  entryId: string
  /**
   * The error shows on the org's own "OAuth Error" page (Salesforce's RemoteAccessErrorPage), not on
   * the site's: the browser never comes back to the site. Paste that page's text here to explain it.
   */
  orgPage?: boolean
  /**
   * The flow succeeds; the error is the REST API's, shown by the inspector's *Limits* call
   * (a `[{ errorCode, message }]` body: `error` is its errorCode, `errorDescription` its message).
   */
  apiCall?: boolean
}

const ADMIN = "Log in as admin@example.com (password admin1234) if asked."
const JWT_ADMIN = "Choose admin@example.com and press Start."
const CONNECTED_APP_POLICIES = "Setup → App Manager → the app → ▾ → Manage → Edit Policies"
const ECA_POLICIES =
  "Setup → Apps → External Client Apps → External Client App Manager → the app → Policies → Edit"
const CONNECTED_APP_USAGE = "Setup → Connected Apps OAuth Usage → the app"
const PERMISSION_SETS = "Setup → Users → Permission Sets → the set → System Permissions"
const ECA_SETTINGS =
  "Setup → Apps → External Client Apps → External Client App Manager → the app → Settings → OAuth Settings"

export const SCENARIOS: readonly Scenario[] = [
  {
    id: "jwt-not-preauthorized",
    title: "JWT Bearer: the user was never approved",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: JWT_ADMIN,
    breaks:
      "admin@example.com is no longer pre-authorized for the app, and never approved it in an interactive flow.",
    error: "invalid_grant",
    errorDescription: "user hasn't approved this consumer",
    fix: `Pre-authorize the user: ${CONNECTED_APP_POLICIES} → Permitted Users "Admin approved users are pre-authorized", then Manage Profiles / Manage Permission Sets → add the user's (External Client App: ${ECA_POLICIES} → App Policies → Select Permission Sets).`,
    entryId: "user-hasnt-approved-this-consumer",
  },
  {
    id: "jwt-admin-approved-only",
    title: "JWT Bearer: admin-approved app, user not assigned",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: JWT_ADMIN,
    breaks:
      'Permitted Users is "Admin approved users are pre-authorized", and no profile or permission set of admin@example.com is assigned to the app.',
    error: "invalid_app_access",
    errorDescription: "user is not admin approved to access this app",
    fix: `${CONNECTED_APP_POLICIES} → Manage Profiles / Manage Permission Sets → add the user's (External Client App: ${ECA_POLICIES} → App Policies → Select Permission Sets); or set Permitted Users back to "All users may self-authorize".`,
    entryId: "invalid-app-access",
  },
  {
    id: "web-server-admin-approved-only",
    title: "Web Server flow: the user is not admin approved",
    flow: "web-server",
    flowPath: "/flows/web-server",
    run: `Press Start. ${ADMIN}`,
    breaks:
      'Permitted Users is "Admin approved users are pre-authorized", and no profile or permission set of admin@example.com is assigned to the app.',
    error: "invalid_app_access",
    errorDescription: "user is not admin approved to access this app",
    fix: `${CONNECTED_APP_POLICIES} → Manage Profiles / Manage Permission Sets → add the user's (External Client App: ${ECA_POLICIES} → App Policies → Select Permission Sets).`,
    entryId: "invalid-app-access",
  },
  {
    id: "jwt-no-refresh-token-scope",
    title: "JWT Bearer: the app lacks the refresh_token scope",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: JWT_ADMIN,
    breaks:
      'The app\'s Selected OAuth Scopes no longer include "Perform requests at any time (refresh_token, offline_access)".',
    error: "invalid_request",
    errorDescription: "refresh_token scope is required. Install and preauthorize the app.",
    fix: `Setup → App Manager → the app → Edit → Selected OAuth Scopes → add "Perform requests at any time (refresh_token, offline_access)" (External Client App: ${ECA_SETTINGS} → OAuth Scopes).`,
    entryId: "refresh-token-scope-required",
  },
  {
    id: "web-server-scope-not-allowed",
    title: "Web Server flow: a requested scope is not on the app",
    flow: "web-server",
    flowPath: "/flows/web-server",
    run: "Press Start (the site asks for api refresh_token openid).",
    breaks:
      'The app\'s Selected OAuth Scopes no longer include "Access unique user identifiers (openid)".',
    error: "invalid_scope",
    errorDescription: "the requested scope is not allowed",
    fix: `Setup → App Manager → the app → Edit → Selected OAuth Scopes → add "Access unique user identifiers (openid)" (External Client App: ${ECA_SETTINGS} → OAuth Scopes); or stop asking for it (SALESFORCE_SCOPES).`,
    entryId: "invalid-scope",
  },
  {
    id: "user-agent-blocked",
    title: "User-Agent flow: blocked by the org",
    flow: "user-agent",
    flowPath: "/flows/user-agent",
    run: "Press Start.",
    breaks: '"Block authorization flows using the user-agent flow" is on.',
    error: "unsupported_response_type",
    errorDescription: "response type not supported",
    fix: 'Use the Web Server flow with PKCE; or, if you must, Setup → OAuth and OpenID Connect Settings → turn off "Block authorization flows using the user-agent flow".',
    entryId: "unsupported-response-type",
  },
  {
    id: "username-password-blocked",
    title: "Username-Password flow: not allowed in the org",
    flow: "username-password",
    flowPath: "/flows/username-password",
    run: "Enter admin@example.com and admin1234, press Start.",
    breaks:
      '"Allow OAuth Username-Password Flows" is off, as in every org created since Summer \'23.',
    error: "invalid_grant",
    errorDescription: "authentication failure",
    fix: 'Move to the Client Credentials flow; or Setup → OAuth and OpenID Connect Settings → turn on "Allow OAuth Username-Password Flows" (Connected Apps only: External Client Apps never support it).',
    entryId: "username-password-authentication-failure",
  },
  {
    id: "client-credentials-off",
    title: "Client Credentials: the flow is not enabled",
    flow: "client-credentials",
    flowPath: "/flows/client-credentials",
    run: "Press Start.",
    breaks: '"Enable Client Credentials Flow" is off on the app, and no Run-As user is set.',
    error: "invalid_grant",
    errorDescription: "no client credentials user enabled",
    fix: `${ECA_SETTINGS} → Flow Enablement → Enable Client Credentials Flow, then ${ECA_POLICIES} → OAuth Policies → Run As (connected app: Edit → Enable Client Credentials Flow, then ${CONNECTED_APP_POLICIES} → Client Credentials Flow → Run As).`,
    entryId: "no-client-credentials-user-enabled",
  },
  {
    id: "client-credentials-inactive-run-as",
    title: "Client Credentials: the Run-As user is inactive",
    flow: "client-credentials",
    flowPath: "/flows/client-credentials",
    run: "Press Start.",
    breaks: "The flow is on, but its Run-As user is inactive@example.com, a deactivated user.",
    error: "invalid_grant",
    errorDescription: "inactive user",
    fix: `Choose an active user with API access as Run-As user: ${ECA_POLICIES} → OAuth Policies → Run As (connected app: ${CONNECTED_APP_POLICIES} → Client Credentials Flow → Run As); or reactivate the user (Setup → Users).`,
    entryId: "inactive-user",
  },
  {
    id: "device-flow-disabled",
    title: "Device flow: not enabled for the app",
    flow: "device",
    flowPath: "/flows/device",
    run: "Press Start.",
    breaks: '"Enable for Device Flow" is off on the app.',
    error: "invalid_grant",
    errorDescription: "device flow is not enabled for the app",
    fix: `${ECA_SETTINGS} → Flow Enablement → Enable for Device Flow (connected app: Edit → API (Enable OAuth Settings) → Enable for Device Flow).`,
    entryId: "device-flow-not-enabled",
  },
  {
    id: "public-client-secret-required",
    title: "Web Server flow as a public client: the app requires the secret",
    flow: "web-server",
    flowPath: "/flows/web-server",
    run: `Choose Client authentication "None (PKCE only)", press Start. ${ADMIN}`,
    breaks: '"Require Secret for Web Server Flow" is on, and the site sends no client_secret.',
    error: "invalid_client",
    errorDescription: "invalid client credentials",
    fix: `For a client that cannot keep a secret: Setup → App Manager → the app → Edit → untick "Require Secret for Web Server Flow" (External Client App: ${ECA_SETTINGS} → Require secret for Web Server Flow); otherwise send the secret.`,
    entryId: "invalid-client",
  },
  {
    id: "jwt-approval-revoked",
    title: "JWT Bearer: the user's approval was revoked",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: "Choose demo@example.com and press Start.",
    breaks:
      "demo@example.com (a self-authorizing user, not pre-authorized) has no approval of the app any more: revoked, with its tokens.",
    error: "invalid_grant",
    errorDescription: "user hasn't approved this consumer",
    fix: 'The user approves the app again with the refresh_token scope (the Web Server flow, Allow); or pre-authorize the user (Permitted Users "Admin approved users are pre-authorized" and the user\'s profile or permission set). Approvals are listed in Setup → Connected Apps OAuth Usage, and revoked by the user in Settings → Connected Apps.',
    entryId: "user-hasnt-approved-this-consumer",
  },
  {
    id: "web-server-app-not-installed",
    title: "Web Server flow: the app is not installed, the user may not approve uninstalled apps",
    flow: "web-server",
    flowPath: "/flows/web-server",
    run: `Press Start. ${ADMIN} The browser stays on Salesforce's "OAuth Error" page.`,
    breaks:
      'The app is not installed in the org (the block on uninstalled connected apps since September 2025), and admin@example.com lacks "Approve Uninstalled Connected Apps".',
    error: "OAUTH_APPROVAL_ERROR_GENERIC",
    errorDescription: "An unexpected error has occured during authentication. Please try again.",
    fix: `Install the app: ${CONNECTED_APP_USAGE} → Install (External Client App: local to the org, or its package installed). Or give the user "Approve Uninstalled Connected Apps": ${PERMISSION_SETS}. Fix it here installs the app and gives admin@example.com back the permission its System Administrator profile holds.`,
    entryId: "oauth-approval-error-generic",
    orgPage: true,
  },
  {
    id: "jwt-api-access-control",
    title: "JWT Bearer: API Access Control is on and the app is not on its allowlist",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: JWT_ADMIN,
    breaks:
      'API Access Control is on, the app is not approved under it, and admin@example.com lacks "Use Any API Client".',
    error: "OAUTH_APP_BLOCKED",
    errorDescription: "this app is blocked by admin",
    fix: `Approve the app: ${CONNECTED_APP_USAGE} → Install, then Unblock; or give the user "Use Any API Client" (${PERMISSION_SETS}). Fix it here approves the app and turns API Access Control back off, as in a new org.`,
    entryId: "api-access-control",
  },
  {
    id: "jwt-ip-restricted",
    title: "JWT Bearer: the user's Login IP Ranges leave out the server",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: JWT_ADMIN,
    breaks:
      "admin@example.com's profile has Login IP Ranges 10.0.0.0–10.255.255.255, and the site's server calls the org from 127.0.0.1; the app enforces IP restrictions.",
    error: "invalid_grant",
    errorDescription: "ip restricted",
    fix: `Add the server's address: Setup → Users → Profiles → the user's profile → Login IP Ranges → New (Fix it here removes the ranges); or relax them for the app: ${CONNECTED_APP_POLICIES} → IP Relaxation → "Relax IP restrictions" (External Client App: ${ECA_POLICIES} → OAuth Policies → IP Relaxation).`,
    entryId: "ip-restricted",
  },
  {
    id: "jwt-frozen-user",
    title: "JWT Bearer: the user is frozen",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: JWT_ADMIN,
    breaks: "An admin froze admin@example.com (Setup → Users → the user → Freeze).",
    error: "invalid_grant",
    errorDescription: "inactive user",
    fix: "Unfreeze the user: Setup → Users → Users → the user → Unfreeze; or use another user.",
    entryId: "inactive-user",
  },
  {
    id: "web-server-high-assurance",
    title: "Web Server flow: the app requires a high-assurance session",
    flow: "web-server",
    flowPath: "/flows/web-server",
    run: `Press Start. ${ADMIN}`,
    breaks:
      'The app\'s Session Policies say "High Assurance session required", with "Block"; admin@example.com logs in with a password only, a standard session.',
    error: "invalid_session_level",
    errorDescription: "high assurance session required",
    fix: `Log in with multi-factor authentication (Setup → Identity Verification); or lower the requirement: ${CONNECTED_APP_POLICIES} → Session Policies → untick "High Assurance session required" (External Client App: ${ECA_POLICIES} → Session Policies).`,
    entryId: "high-assurance-required",
  },
  {
    id: "jwt-api-disabled",
    title: "JWT Bearer works, the REST API refuses: the user lacks API Enabled",
    flow: "jwt-bearer",
    flowPath: "/flows/jwt-bearer",
    run: `${JWT_ADMIN} On the token inspector, press Limits (a REST API call).`,
    breaks:
      'admin@example.com\'s profile and permission sets no longer grant "API Enabled": the login works, the API does not.',
    error: "API_DISABLED_FOR_ORG",
    errorDescription: "The REST API is not enabled for this Organization.",
    fix: 'Grant "API Enabled": Setup → Users → Profiles → the user\'s profile → System Permissions → API Enabled (or a permission set: Setup → Users → Permission Sets). In an edition without API access (Professional without the add-on, Essentials) no permission helps: the edition needs it.',
    entryId: "api-disabled-for-org",
    apiCall: true,
  },
]

export const scenarioById = (id: string): Scenario | undefined => SCENARIOS.find((s) => s.id === id)
