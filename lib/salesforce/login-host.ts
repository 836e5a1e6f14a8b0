/**
 * What kind of Salesforce login host a URL names, and the JWT Bearer `aud` that follows from it
 * ("Use the authorization server's URL", https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5).
 */
export type LoginHostKind =
  | "production"
  | "sandbox"
  | "production-my-domain"
  | "sandbox-my-domain"
  | "experience-cloud"
  | "embedded-org"
  | "other"

export const HOST_KIND_LABELS: Readonly<Record<LoginHostKind, string>> = {
  production: "Production (login.salesforce.com)",
  sandbox: "Sandbox (test.salesforce.com)",
  "production-my-domain": "Production My Domain",
  "sandbox-my-domain": "Sandbox My Domain",
  "experience-cloud": "Experience Cloud site",
  "embedded-org": "Embedded org (emulated)",
  other: "Other Salesforce-compatible server",
}

export function classifyLoginHost(
  loginUrl: string,
  opts: { embedded?: boolean } = {},
): LoginHostKind {
  if (opts.embedded) return "embedded-org"
  const host = new URL(loginUrl).hostname.toLowerCase()
  if (host === "login.salesforce.com") return "production"
  if (host === "test.salesforce.com") return "sandbox"
  if (host.endsWith(".sandbox.my.salesforce.com")) return "sandbox-my-domain"
  if (host.endsWith(".my.salesforce.com")) return "production-my-domain"
  if (host.endsWith(".my.site.com") || host.endsWith(".force.com")) return "experience-cloud"
  return "other"
}

/**
 * The `aud` of a JWT Bearer assertion. Salesforce accepts only its login servers here, never a My
 * Domain URL: production and production My Domain use login.salesforce.com, sandboxes
 * test.salesforce.com, Experience Cloud users the site URL; anything else (the embedded org, a
 * local emulator) is its own authorization server. `override` (SALESFORCE_JWT_AUDIENCE) wins.
 */
export function jwtAudience(
  loginUrl: string,
  opts: { embedded?: boolean; override?: string } = {},
): string {
  if (opts.override) return opts.override
  switch (classifyLoginHost(loginUrl, opts)) {
    case "production":
    case "production-my-domain":
      return "https://login.salesforce.com"
    case "sandbox":
    case "sandbox-my-domain":
      return "https://test.salesforce.com"
    default:
      return loginUrl.replace(/\/+$/, "")
  }
}

/** Salesforce's own domains: a token response may point `id` and `instance_url` at any of them. */
const SALESFORCE_SUFFIXES = [
  ".salesforce.com",
  ".force.com",
  ".site.com",
  ".cloudforce.com",
  ".salesforce.mil",
]

/**
 * Whether the Device flow may send the person to `url` to type the user code (docs/security.md,
 * C-132): the login URL's own origin, or, for a real org, an https Salesforce login domain
 * (login., test., a My Domain: `*.salesforce.com`, where Salesforce serves /setup/connect,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_device_flow.htm). Not
 * `*.my.site.com` or `*.force.com`, which isOrgUrl accepts for API hosts: anyone can publish pages
 * there (an Experience Cloud site, Visualforce), so a code typed there is typed on another's page.
 */
export function isVerificationUrl(url: string, loginUrl: string): boolean {
  if (!isOrgUrl(url, loginUrl)) return false
  const u = new URL(url)
  return u.origin === new URL(loginUrl).origin || u.hostname.endsWith(".salesforce.com")
}

/**
 * Whether the site may send a token to `url`: it must be https on a Salesforce domain when the
 * org is real, or on the configured login host itself (embedded org, local emulator). This is what
 * keeps a forged `id` or `instance_url` from turning the site into a proxy (no SSRF, no token leak).
 */
export function isOrgUrl(url: string, loginUrl: string): boolean {
  let u: URL
  let login: URL
  try {
    u = new URL(url)
    login = new URL(loginUrl)
  } catch {
    return false
  }
  if (u.username || u.password) return false
  if (u.origin === login.origin) return true
  const salesforceLogin = SALESFORCE_SUFFIXES.some((s) => login.hostname.endsWith(s))
  return (
    salesforceLogin &&
    u.protocol === "https:" &&
    !u.port &&
    SALESFORCE_SUFFIXES.some((s) => u.hostname.endsWith(s))
  )
}
