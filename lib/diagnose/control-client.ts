import "server-only"
import { getConfig } from "@/lib/config/env"
import { loadOrCreateControlSecret } from "@/lib/emulator/control/secret"

export type ScenarioAction = "break" | "fix"

/** What the org answered to *Break it* / *Fix it*, in words for the page. */
export interface ControlResult {
  ok: boolean
  message: string
}

/**
 * Asks the embedded org to break or fix a scenario: `POST {My Domain}/_lab/scenarios/{id}/{action}`
 * with the control secret both processes read from the data folder (docs/security.md, C-150). The
 * secret goes only to the org's own My Domain from the configuration, never to a URL from a request,
 * and never to the browser.
 */
export async function runScenarioAction(
  id: string,
  action: ScenarioAction,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<ControlResult> {
  const config = getConfig()
  if (config.mode !== "emulator" || !config.org)
    return { ok: false, message: "Scenarios need the embedded org (SALESFORCE_LOGIN_URL is set)." }
  const url = `${config.org.myDomainUrl}/_lab/scenarios/${encodeURIComponent(id)}/${action}`
  try {
    const res = await fetchImpl(url, {
      method: "POST",
      headers: { authorization: `Bearer ${loadOrCreateControlSecret(config.dataDir)}` },
      redirect: "error",
      signal: AbortSignal.timeout(10_000),
    })
    if (res.ok)
      return {
        ok: true,
        message:
          action === "break"
            ? "Broken: the embedded org now refuses this flow. Run it and read the error."
            : "Fixed: the embedded org is back as it was. Run the flow again.",
      }
    return { ok: false, message: `The embedded org refused (HTTP ${res.status}).` }
  } catch {
    return { ok: false, message: "The embedded org did not answer: is it running (npm start)?" }
  }
}
