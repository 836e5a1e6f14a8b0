import { descOf, type CatalogueEntry } from "./catalogue-types"

/** How to leave the username-password flow, for its page and its error entry. */
export const USERNAME_PASSWORD_MIGRATION = [
  "Pick the replacement: no user present (a job, an integration) → the Client Credentials flow, or the JWT Bearer flow when a named user must be pre-authorized; a person signs in → the Web Server flow with PKCE.",
  "Client Credentials: on the app (External Client App: Settings → OAuth Settings → Flow Enablement; connected app: Edit → API (Enable OAuth Settings)) tick Enable Client Credentials Flow, then under Policies choose the Run As user: an active user with API access, ideally an API Only integration user with only the permissions the job needs.",
  "Send the token request to your My Domain (https://MyDomainName.my.salesforce.com/services/oauth2/token) with grant_type=client_credentials and the consumer key and secret; remove the username, the password and the security token from the integration's configuration.",
  "Once the new flow works, turn Allow OAuth Username-Password Flows off again (Setup → OAuth and OpenID Connect Settings) and reset the integration user's password, since it was stored somewhere.",
]

const is = (error: string, description: string) => (f: Parameters<CatalogueEntry["match"]>[0]) =>
  f.error === error && descOf(f) === description

/**
 * The Client Credentials and Username-Password flows' errors. The wire strings are third-party
 * captures (docs/fidelity.md, F-121, F-122, F-124): Salesforce's flow pages
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm&type=5,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_disable_username_password_flow_ca.htm)
 * list none.
 */
export const SERVER_FLOW_ENTRIES: CatalogueEntry[] = [
  {
    id: "request-not-supported-on-this-domain",
    error: "invalid_grant",
    description: "request not supported on this domain",
    where: ["Client Credentials"],
    title: "Client Credentials must go to your My Domain",
    meaning:
      "Salesforce serves the Client Credentials flow only at the org's My Domain. The generic login hosts (login.salesforce.com, test.salesforce.com) cannot tell which org's Run-As user to use, so they refuse the grant.",
    causes: [
      "SALESFORCE_LOGIN_URL (or the token URL in your code) is https://login.salesforce.com or https://test.salesforce.com.",
    ],
    fix: [
      "Set the login URL to the org's My Domain, https://MyDomainName.my.salesforce.com (sandbox: https://MyDomainName--SandboxName.sandbox.my.salesforce.com). Setup → My Domain shows it.",
    ],
    match: is("invalid_grant", "request not supported on this domain"),
  },
  {
    id: "no-client-credentials-user-enabled",
    error: "invalid_grant",
    description: "no client credentials user enabled",
    where: ["Client Credentials"],
    title: "The app has no Client Credentials Run-As user",
    meaning:
      "The flow is not enabled on the app, or no Run-As user is chosen: Salesforce has no user to issue the token for.",
    causes: [
      "Enable Client Credentials Flow is not ticked on the app (it is off on a new app).",
      "No Run As user is set in the app's policies.",
      "The change was saved less than 2–10 minutes ago.",
    ],
    fix: [
      "Connected app: Setup → App Manager → the app → Edit → API (Enable OAuth Settings) → tick Enable Client Credentials Flow → Save. External Client App: Settings → OAuth Settings → Flow Enablement → Enable Client Credentials Flow.",
      "Then Manage → Edit Policies (External Client App: Policies → OAuth Policies) → Client Credentials Flow → Run As: choose an active user with API access, ideally an API Only integration user.",
      "In the embedded org: log in to the org as admin@example.com, open its settings page, tick Enable Client Credentials Flow and choose a Run As user.",
    ],
    fixSummary: "Tick Enable Client Credentials Flow on the app and choose its Run As user.",
    match: is("invalid_grant", "no client credentials user enabled"),
  },
  {
    id: "no-valid-scopes-defined",
    error: "invalid_grant",
    description: "no valid scopes defined",
    where: ["Client Credentials"],
    title: "The app has no scope a Client Credentials token can carry",
    meaning:
      "A Client Credentials token gets the app's scopes except full, web, refresh_token and offline_access; when nothing is left, there is nothing to grant.",
    causes: ["The app's Selected OAuth Scopes hold only full, web or refresh_token."],
    fix: ['Add "Manage user data via APIs (api)" to the app\'s Selected OAuth Scopes.'],
    match: is("invalid_grant", "no valid scopes defined"),
  },
  {
    id: "username-password-authentication-failure",
    error: "invalid_grant",
    description: "authentication failure",
    where: ["Username-Password"],
    title: "The username-password flow was refused",
    meaning:
      "Salesforce gives the same answer when the flow is blocked and when the credentials are wrong. Orgs created since Summer '23 block the username-password flow until an admin allows it, and External Client Apps never support it; Login History names the real reason.",
    causes: [
      'The org blocks the flow: "Allow OAuth Username-Password Flows" is off (the default in orgs created since Summer \'23).',
      "The app is an External Client App, which does not support this flow.",
      "A wrong username or password, or a locked user.",
      "Outside the user's trusted IP ranges, the password needs the security token appended (passwordTOKEN).",
    ],
    fix: [
      "Move off this flow (Salesforce is deprecating it):",
      ...USERNAME_PASSWORD_MIGRATION,
      "Only if you must keep it for now: Setup → OAuth and OpenID Connect Settings → Allow OAuth Username-Password Flows (in the embedded org: its settings page, as admin@example.com).",
    ],
    fixSummary:
      "Migrate to the Client Credentials flow; or allow the flow in Setup → OAuth and OpenID Connect Settings.",
    match: (f) =>
      f.flow === "username-password" &&
      f.error === "invalid_grant" &&
      descOf(f) === "authentication failure",
  },
]

const code = (c: string) => (f: Parameters<CatalogueEntry["match"]>[0]) => f.code === c

/** The site's own refusals in these two flows, before anything is sent. */
export const SERVER_FLOW_SITE_ENTRIES: CatalogueEntry[] = [
  {
    id: "not-my-domain",
    error: "NOT_MY_DOMAIN",
    where: ["this site"],
    title: "The login URL is not a My Domain",
    meaning:
      "The Client Credentials flow works only at the org's My Domain, so the site did not send the app's secret to a host that would refuse it.",
    causes: ["SALESFORCE_LOGIN_URL is login.salesforce.com, test.salesforce.com or another host."],
    fix: [
      "Set SALESFORCE_LOGIN_URL to https://MyDomainName.my.salesforce.com (Setup → My Domain) and restart; /setup checks it.",
    ],
    match: code("NOT_MY_DOMAIN"),
  },
  {
    id: "missing-credentials",
    error: "MISSING_CREDENTIALS",
    where: ["this site"],
    title: "Username or password missing",
    meaning: "The username-password flow needs both; nothing was sent.",
    causes: ["One of the two fields was empty."],
    fix: ["Fill in both fields and press Start again."],
    match: code("MISSING_CREDENTIALS"),
  },
]
