import "server-only"
import type { CheckResult, LabSession } from "@/lib/auth/session-types"
import type { OrgConnection } from "@/lib/org/connection"
import type { Answer, ApiCallFact } from "@/lib/transcript/facts"
import { readDropped, readFacts, readTranscript } from "@/lib/transcript/store"
import type { TranscriptEntry } from "@/lib/transcript/types"
import { computeVerifications, type Verifications } from "./verifications"
import { assertionKeyFor } from "./verify-assertion"
import { assetTokenCheck } from "./asset-token-check"

/** Everything the inspector page shows beyond the session itself: the page only renders this. */
export interface InspectorView {
  verifications: Verifications
  /** The asset token's verification, when the session holds one (asset-token-check.ts). */
  assetToken?: CheckResult
  identity?: Answer<Record<string, unknown>>
  userinfo?: Answer<Record<string, unknown>>
  api?: ApiCallFact
  /** The transcript, shown as recorded (redacted); nothing is read back out of it. */
  entries: TranscriptEntry[]
  /** How many of the oldest entries the transcript's cap dropped (C-79); the page says so above it. */
  dropped: number
}

/**
 * Assembles the inspector from typed facts kept beside the transcript (lib/transcript/facts.ts),
 * never from the transcript's step labels or bodies: a reworded label or a body that is not JSON
 * cannot change or break what is shown.
 */
export async function inspectorView(s: LabSession, org: OrgConnection): Promise<InspectorView> {
  const facts = readFacts(s.transcriptId)
  const verifications = await computeVerifications(s, {
    clientSecret: org.clientSecret,
    loginUrl: org.loginUrl,
    clientId: org.clientId,
    jwks: facts.jwks,
    assertionKey: await assertionKeyFor(org),
    audience: org.audience,
  })
  return {
    verifications,
    assetToken: await assetTokenCheck(s, org.loginUrl, facts.jwks),
    identity: facts.identity,
    userinfo: facts.userinfo,
    api: facts.api,
    entries: readTranscript(s.transcriptId),
    dropped: readDropped(s.transcriptId),
  }
}
