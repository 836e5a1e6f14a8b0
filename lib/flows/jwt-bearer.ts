import "server-only"
import { planAssertion, signAssertion, type AssertionPlan } from "@/lib/salesforce/jwt-assertion"
import { bearerSigningKey } from "./shared/bearer-signing-key"
import { signInWithTokenRequest } from "./shared/token-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import type { Redirect } from "@/lib/http/respond"

/** The assertion the site would sign for `username`, for the flow page (nothing is signed). */
export function previewAssertion(org: OrgConnection, username: string): AssertionPlan {
  return planAssertion({ clientId: org.clientId, username, audience: org.audience })
}

/**
 * Signs an assertion for a configured username and trades it for a token. The username must be
 * one the operator allowed: the seed demo minted tokens for any `?jwtUserName=` (impersonation).
 */
export async function runJwtBearer(username: string): Promise<Redirect> {
  try {
    const org = await orgConnection()
    const key = bearerSigningKey(org, username)
    const plan = previewAssertion(org, username)
    const assertion = await signAssertion(plan, key)
    const recorder = recorderFor(org)
    recorder.note(
      "Site: sign the assertion",
      `RS256 JWT for sub=${username}, aud=${plan.claims.aud}, exp=${plan.claims.exp}, jti=${plan.claims.jti}`,
    )
    const client = clientFor(org, recorder)
    return await signInWithTokenRequest(
      "jwt-bearer",
      org,
      client,
      recorder,
      () => client.jwtBearer(assertion),
      { assertion, failure: { username } },
    )
  } catch (e) {
    return { location: "/flows/error", cookies: [await failureCookie(toFailure(e, "jwt-bearer"))] }
  }
}
