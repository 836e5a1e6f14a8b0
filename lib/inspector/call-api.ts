import "server-only"
import type { LabSession } from "@/lib/auth/session-types"
import type { SalesforceClient } from "@/lib/salesforce/client"
import { failedAnswer, type FactSink } from "@/lib/transcript/facts"

/** A REST API call whose answer, or failure, the inspector shows as the last API result. */
export async function callApi(
  client: SalesforceClient,
  facts: FactSink,
  t: LabSession["tokens"],
  path: string,
  label: string,
): Promise<void> {
  try {
    const { status, body } = await client.api(t.instanceUrl, path, t.accessToken, label)
    facts.fact({ kind: "api", value: { label, status, body } })
  } catch (e) {
    const failed = failedAnswer(e)
    facts.fact({ kind: "api", value: { label, status: failed.status, reason: failed.reason } })
    throw e
  }
}
