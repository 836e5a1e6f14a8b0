import "server-only"
import type { LabSession } from "@/lib/auth/session-types"
import type { SalesforceClient } from "@/lib/salesforce/client"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import type { TranscriptRecorder } from "@/lib/transcript/recorder"
import { revokeIssued } from "./check-refresh"

/**
 * *Replay the old refresh token*: presents the refresh token that rotation retired, as a thief
 * holding a copy would. With rotation on, Salesforce treats the reuse as theft and revokes the
 * current refresh token and its access tokens (reuse detection,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_hybrid_app_refresh_token_flow_ca.htm;
 * RFC 9700 §4.14.2), so the session's tokens die with it.
 */
export async function replayRetiredRefresh(
  client: SalesforceClient,
  session: LabSession,
  recorder: TranscriptRecorder,
): Promise<LabSession> {
  const retired = session.rotation?.retired
  if (!retired)
    throw new FlowError(
      "MISSING_TOKEN",
      "no retired refresh token: turn rotation on in the org's settings and press Refresh first",
    )
  recorder.know({ kind: "refresh_token", value: retired })
  const rotation = { ...session.rotation!, retired: undefined }
  try {
    const r = await client.refresh(retired)
    // Not expected with rotation on: do not keep what a replay obtained, a rotated refresh token
    // above all (docs/security.md, C-46).
    await revokeIssued(client, r, retired)
    recorder.note(
      "Replay the old refresh token: accepted",
      "the org accepted the retired refresh token, so it does not detect reuse",
    )
    return { ...session, rotation }
  } catch (e) {
    if (!(e instanceof SalesforceOAuthError)) throw e
    recorder.note(
      "Replay the old refresh token: reuse detected",
      `${e.error}: ${e.errorDescription}. A retired refresh token came back, so the org revoked the whole family: the current refresh token and its access tokens no longer work either.`,
    )
    return {
      ...session,
      rotation,
      revoked: { kind: "refresh_token", at: Date.now(), byReuse: true },
      introspection: {
        status: "fail",
        detail: "revoked by reuse detection (the old refresh token was replayed)",
      },
    }
  }
}
