import "server-only"
import { ConfigError } from "@/lib/config/errors"
import { clientFor, orgConnection } from "@/lib/org/connection"

/** The members of a public JWK (RFC 7517 §4, RFC 7518 §6.2.1 and §6.3.1): nothing private passes. */
const PUBLIC_MEMBERS = ["kty", "kid", "alg", "use", "n", "e", "crv", "x", "y"] as const

/**
 * The org's published signing keys, for the inspector's *Decode any token* to verify against. The
 * site fetches them: the browser talks only to the site (its CSP says `connect-src 'self'`), and
 * the org's origin (a real org's, or the embedded org's own) is not the site's. Only the configured
 * org's JWKS URL is ever fetched, so the route is no open proxy.
 */
export async function orgPublicKeys(): Promise<Response> {
  try {
    const org = await orgConnection()
    const { keys } = await clientFor(org).jwks()
    const publicKeys = (Array.isArray(keys) ? keys : []).map((k) =>
      Object.fromEntries(PUBLIC_MEMBERS.filter((m) => m in k).map((m) => [m, k[m]])),
    )
    return Response.json(
      { keys: publicKeys },
      { headers: { "cache-control": "private, max-age=300" } },
    )
  } catch (e) {
    const description =
      e instanceof ConfigError
        ? "the site's configuration has problems: see /setup"
        : "the org's signing keys could not be fetched: check that the org answers (see /setup)"
    return Response.json(
      { error: "jwks_unavailable", error_description: description },
      { status: e instanceof ConfigError ? 503 : 502, headers: { "cache-control": "no-store" } },
    )
  }
}
