import "server-only"
import type { FlowName, LabSession } from "@/lib/auth/session-types"
import { sessionSetCookies } from "@/lib/auth/session-cookie"
import type { Redirect } from "@/lib/http/respond"
import type { OrgConnection } from "@/lib/org/connection"
import type { SalesforceClient } from "@/lib/salesforce/client"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { TranscriptRecorder } from "@/lib/transcript/recorder"
import { completeSignIn } from "./complete-sign-in"
import { failureCookie, toFailure, type FlowFailure } from "./flow-error"

/**
 * The end of every flow whose server makes the one token request itself (JWT Bearer, SAML
 * Bearer, Client Credentials, Username-Password, Token Exchange): ask, verify and open the
 * session, then send the browser to the inspector; on any failure, to the error page with the
 * transcript. Tokens issued before a check failed are revoked, never left live (docs/security.md,
 * *Actors*).
 */
export async function signInWithTokenRequest(
  flow: FlowName,
  org: OrgConnection,
  client: SalesforceClient,
  recorder: TranscriptRecorder,
  request: () => Promise<SalesforceTokenResponse>,
  opts: {
    assertion?: string
    samlAssertion?: string
    failure?: Partial<FlowFailure>
    /** Adds what this flow proved to the session before it is sealed (Token Exchange: the mapping). */
    extend?: (session: LabSession, response: SalesforceTokenResponse) => Promise<LabSession>
  } = {},
): Promise<Redirect> {
  let issued: string | undefined
  try {
    const response = await request()
    // Revoking the refresh token revokes the access tokens issued with it (RFC 7009 §2.1), as the
    // Web Server and Device flows do: Token Exchange answers carry one, and it outlives the access
    // token.
    issued = response.refresh_token ?? response.access_token
    let session = await completeSignIn(flow, org, client, response, {
      // These responses carry no `signature` (it proves a browser-borne response).
      requireSignature: false,
      assertion: opts.assertion,
      samlAssertion: opts.samlAssertion,
      transcriptId: recorder.id,
      facts: recorder,
    })
    if (opts.extend) session = await opts.extend(session, response)
    recorder.redirect(
      "Site → browser: session cookie, then the token inspector (303)",
      "/inspector",
    )
    return { location: "/inspector", cookies: await sessionSetCookies(session) }
  } catch (e) {
    if (issued) await client.revoke(issued).catch(() => undefined)
    return {
      location: "/flows/error",
      cookies: [
        await failureCookie(toFailure(e, flow, { ...opts.failure, transcriptId: recorder.id })),
      ],
    }
  }
}
