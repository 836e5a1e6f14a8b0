/** Hosts where plain http is acceptable: this machine only (a local emulator or test server). */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, "").toLowerCase()
  return (
    h === "localhost" || h.endsWith(".localhost") || h === "::1" || /^127(?:\.\d{1,3}){3}$/.test(h)
  )
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
