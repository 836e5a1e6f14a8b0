// The chooser's content (app/page.tsx): its groups, the "which flow?" guide, and one card per flow.

/** The chooser's groups, in order: who is there when the app signs in. */
export const GROUPS = [
  { id: "user", title: "A user is present" },
  { id: "server", title: "No user (server or integration)" },
  { id: "device", title: "A device with no browser" },
  { id: "legacy", title: "Legacy" },
] as const

/** "What are you building?", answered with a flow and the reason. */
export const GUIDE = [
  ["A web app where people sign in", "Web Server flow", "PKCE and a secret kept on the server."],
  [
    "An app whose users sign in at another identity provider",
    "Token Exchange flow",
    "Salesforce accepts that provider's token through an Apex handler; no second login.",
  ],
  [
    "A job or integration, no person involved",
    "Client Credentials flow",
    "Only the app's key and secret; tokens run as one Run-As integration user; needs My Domain.",
  ],
  [
    "An integration acting as a named, pre-authorized user",
    "JWT Bearer flow",
    "A certificate instead of a shared secret; no login page.",
  ],
  [
    "The same, from a system that already issues SAML assertions",
    "SAML Bearer flow",
    "A signed XML assertion instead of a JWT; the same certificate and prior approval.",
  ],
  [
    "A command-line tool, TV or kiosk with no browser",
    "Device flow",
    "The person signs in on another device with a short code; no secret on the device.",
  ],
  [
    "An old integration posting a password",
    "Username-Password flow",
    "Blocked in new orgs: see its page for the way out.",
  ],
] as const

export const FLOWS: {
  group: (typeof GROUPS)[number]["id"]
  href: string
  name: string
  what: string
  when: string
  needs: string
}[] = [
  {
    group: "user",
    href: "/flows/web-server",
    name: "Web Server flow",
    what: "Authorization code with PKCE: the user logs in at Salesforce, the site exchanges a one-time code for tokens on the server with its client secret.",
    when: "Salesforce's recommendation for any app with a server: use it in place of the user-agent and username-password flows.",
    needs:
      "Callback URL registered on the app; scopes api, refresh_token, openid; PKCE (the org can require it).",
  },
  {
    group: "legacy",
    href: "/flows/user-agent",
    name: "User-Agent flow",
    what: "Implicit grant: Salesforce puts the access token in the URL fragment of the callback; the browser hands it to the server, which verifies it.",
    when: "Legacy, for apps without a server. Salesforce recommends the Web Server flow with PKCE instead, and orgs can block this flow.",
    needs: "The user-agent flow not blocked for the app; a callback URL registered on the app.",
  },
  {
    group: "user",
    href: "/flows/token-exchange",
    name: "Token Exchange flow",
    what: "The user signs in at an external identity provider; the site trades that provider's token for Salesforce tokens, and an Apex handler maps its subject to a Salesforce user (RFC 8693).",
    when: "Salesforce is one service among many behind a central identity provider you already use. API 60+.",
    needs:
      "Enable Token Exchange Flow on the app; an Apex Auth.Oauth2TokenExchangeHandler class and a token exchange handler with the app enabled.",
  },
  {
    group: "server",
    href: "/flows/jwt-bearer",
    name: "JWT Bearer flow",
    what: "Server-to-server: the site signs a short JWT with its private key and trades it for an access token, with no login page.",
    when: "Integrations and back-end jobs acting as a fixed user. Needs prior approval: an admin pre-authorizes the user, or the user approves the app once.",
    needs:
      "A certificate uploaded to the app; refresh_token scope; the user pre-authorized (profile or permission set) or approved once.",
  },
  {
    group: "server",
    href: "/flows/saml-bearer",
    name: "SAML Bearer flow",
    what: "Server-to-server like JWT Bearer, with a signed SAML 2.0 assertion (XML-DSig, RSA-SHA256) in place of the JWT: for integrations that already speak SAML.",
    when: "An identity provider or integration that issues SAML assertions acting as a fixed user. Needs prior approval, as JWT Bearer does.",
    needs:
      "A certificate uploaded to the app (Use digital signatures); refresh_token scope; the user pre-authorized or approved once.",
  },
  {
    group: "server",
    href: "/flows/client-credentials",
    name: "Client Credentials flow",
    what: "Server-to-server with only the app's consumer key and secret (in the body or as HTTP Basic): the token acts as the app's Run-As user.",
    when: "Integrations with no user present; Salesforce's replacement for the username-password flow. Only at the org's My Domain.",
    needs:
      "Enable Client Credentials Flow on the app; a Run-As user (active, API access, ideally API Only); SALESFORCE_LOGIN_URL set to the My Domain.",
  },
  {
    group: "device",
    href: "/flows/device",
    name: "Device flow",
    what: "The device shows a short code; the person enters it on Salesforce's verification page from a phone or laptop and allows access, while the device polls for the tokens.",
    when: "Command-line tools, TVs and kiosks that cannot show a login page. Blocked since September 2025 for apps not installed in the org.",
    needs:
      '"Enable for Device Flow" on the app; the app installed in the org; scopes api, refresh_token.',
  },
  {
    group: "device",
    href: "/flows/asset-token",
    name: "Asset Token flow",
    what: "Token exchange: an access token from any flow and an actor token describing a device (did, Name, Asset) are traded for a short-lived JWT, the asset token, signed by the org.",
    when: "Connected devices (IoT) that must prove which device they are to a backend, which verifies the asset token with the org's keys.",
    needs:
      '"Enable Asset Tokens" on the app with Token Valid for, an Asset Signing Certificate and Asset Audiences; a signed-in session from another flow.',
  },
  {
    group: "legacy",
    href: "/flows/username-password",
    name: "Username-Password flow",
    what: "The app posts a user's username and password (with security token) to the token endpoint.",
    when: "Never for new work: blocked by default in orgs created since Summer '23, unsupported by External Client Apps, being deprecated. The page shows how to migrate.",
    needs:
      'Setup → OAuth and OpenID Connect Settings → "Allow OAuth Username-Password Flows" (off by default); a connected app (not an External Client App).',
  },
]
