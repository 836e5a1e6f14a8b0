import "server-only"
import { sessionSetCookies } from "@/lib/auth/session-cookie"
import { FlowError } from "@/lib/salesforce/errors"
import { planAssertion, signAssertion, type AssertionPlan } from "@/lib/salesforce/jwt-assertion"
import { completeSignIn } from "./shared/complete-sign-in"
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
    if (!org.jwtUsernames.includes(username)) {
      throw new FlowError(
        "USERNAME_NOT_ALLOWED",
        "the site signs assertions only for the usernames its operator configured (SALESFORCE_USERNAME or SALESFORCE_JWT_USERNAMES)",
      )
    }
    if (!org.privateKeyPem)
      throw new FlowError(
        "CONFIG_INVALID",
        "no private key is configured (SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE)",
      )
    const plan = previewAssertion(org, username)
    const assertion = await signAssertion(plan, org.privateKeyPem)
    const recorder = recorderFor(org)
    recorder.note(
      "Site: sign the assertion",
      `RS256 JWT for sub=${username}, aud=${plan.claims.aud}, exp=${plan.claims.exp}, jti=${plan.claims.jti}`,
    )
    const client = clientFor(org, recorder)
    let issued: string | undefined
    try {
      const response = await client.jwtBearer(assertion)
      issued = response.access_token
      const session = await completeSignIn("jwt-bearer", org, client, response, {
        requireSignature: false,
        assertion,
        transcriptId: recorder.id,
        facts: recorder,
      })
      recorder.redirect(
        "Site → browser: session cookie, then the token inspector (303)",
        "/inspector",
      )
      return { location: "/inspector", cookies: await sessionSetCookies(session) }
    } catch (e) {
      // A token issued before a check failed is not used: revoke it rather than leave it live.
      if (issued) await client.revoke(issued).catch(() => undefined)
      return {
        location: "/flows/error",
        cookies: [
          await failureCookie(toFailure(e, "jwt-bearer", { username, transcriptId: recorder.id })),
        ],
      }
    }
  } catch (e) {
    return { location: "/flows/error", cookies: [await failureCookie(toFailure(e, "jwt-bearer"))] }
  }
}
