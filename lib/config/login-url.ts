/**
 * Hosts the site may send a secret to over plain http: this machine only (a local emulator or test
 * server). `localhost` and the loopback literals, not `*.localhost`: Node asks DNS for those names,
 * which may answer with any address (RFC 6761 §6.3 only says resolvers SHOULD keep them local), and
 * a client secret or a typed password would then cross the network in clear.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase()
  return h === "localhost" || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h)
}

/**
 * Hosts a browser treats as this machine: the above and `*.localhost`, which browsers resolve to
 * loopback themselves (the W3C Secure Contexts spec's "potentially trustworthy" origins). For
 * callback URLs, where the browser, not the site, makes the request.
 */
export function isBrowserLoopbackHost(hostname: string): boolean {
  return isLoopbackHost(hostname) || hostname.toLowerCase().endsWith(".localhost")
}

/**
 * Checks a Salesforce login URL: https for real orgs, http only on loopback, no credentials, query
 * or fragment. A path is kept (another emulator mounted under `/emulator`). Returns the problem, if any.
 */
export function loginUrlProblem(raw: string): string | undefined {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return "is not a URL (expected e.g. https://login.salesforce.com or https://MyDomain.my.salesforce.com)"
  }
  if (u.username || u.password) return "must not contain credentials"
  if (u.protocol === "http:" && !isLoopbackHost(u.hostname))
    return "must use https (plain http is allowed only for localhost or 127.0.0.1)"
  if (u.protocol !== "https:" && u.protocol !== "http:") return "must be an https URL"
  if (u.search || u.hash) return "must not have a query or fragment"
  return undefined
}

/** The login URL as endpoints are built from it: origin and path, without a trailing slash. */
export function normaliseLoginUrl(raw: string): string {
  const u = new URL(raw)
  return `${u.origin}${u.pathname.replace(/\/+$/, "")}`
}
