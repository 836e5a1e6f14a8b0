import "server-only"
import {
  planSamlAssertion,
  samlAssertionXml,
  signSamlAssertion,
  type SamlAssertionPlan,
} from "@/lib/salesforce/saml-assertion"
import { bearerSigningKey } from "./shared/bearer-signing-key"
import { signInWithTokenRequest } from "./shared/token-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import type { Redirect } from "@/lib/http/respond"

/**
 * The assertion the site would sign for `username`, for the flow page (nothing is signed): its
 * Audience is the login server, as for the JWT Bearer flow's `aud`, and its Recipient that
 * server's token endpoint (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5).
 */
export function previewSamlAssertion(
  org: OrgConnection,
  username: string,
): { plan: SamlAssertionPlan; xml: string } {
  const plan = planSamlAssertion({ clientId: org.clientId, username, audience: org.audience })
  return { plan, xml: samlAssertionXml(plan) }
}

/**
 * Signs a SAML assertion for a configured username (the JWT Bearer flow's list: no impersonation)
 * with the configured key, and trades it for a token.
 */
export async function runSamlBearer(username: string): Promise<Redirect> {
  try {
    const org = await orgConnection()
    const key = bearerSigningKey(org, username)
    const { plan } = previewSamlAssertion(org, username)
    const { xml, encoded } = signSamlAssertion(plan, key)
    const recorder = recorderFor(org)
    recorder.note(
      "Site: sign the SAML assertion",
      `XML-DSig (RSA-SHA256, exclusive c14n) for NameID=${username}, Audience=${plan.audience}, Recipient=${plan.recipient}, NotOnOrAfter=${plan.notOnOrAfter}, ID=${plan.id}`,
    )
    const client = clientFor(org, recorder)
    return await signInWithTokenRequest(
      "saml-bearer",
      org,
      client,
      recorder,
      () => client.samlBearer(encoded),
      { samlAssertion: xml, failure: { username } },
    )
  } catch (e) {
    return { location: "/flows/error", cookies: [await failureCookie(toFailure(e, "saml-bearer"))] }
  }
}
