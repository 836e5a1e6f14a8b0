import "server-only"
import { FlowError } from "@/lib/salesforce/errors"
import {
  planSamlAssertion,
  samlAssertionXml,
  signSamlAssertion,
  type SamlAssertionPlan,
} from "@/lib/salesforce/saml-assertion"
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
    const { plan } = previewSamlAssertion(org, username)
    const { xml, encoded } = signSamlAssertion(plan, org.privateKeyPem)
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
