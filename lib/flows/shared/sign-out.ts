import "server-only"
import { clearSessionCookies, readSession } from "@/lib/auth/session-cookie"
import { clientFor, orgConnection } from "@/lib/org/connection"
import type { Redirect } from "@/lib/http/respond"

/**
 * Revokes the token at Salesforce (the refresh token when there is one: it takes its access tokens
 * with it, https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-revoking-tokens.html),
 * then ends the session. A failed revoke still signs out.
 */
export async function signOut(cookieHeader: string | null): Promise<Redirect> {
  const session = await readSession(cookieHeader)
  if (session) {
    try {
      const org = await orgConnection()
      await clientFor(org).revoke(session.tokens.refreshToken ?? session.tokens.accessToken)
    } catch {
      // Already revoked, expired, or the org is unreachable: the local session ends regardless.
    }
  }
  return { location: "/", cookies: clearSessionCookies() }
}
