import { vi } from "vitest"
import { setDeviceFlowEnabled } from "@/lib/emulator/store/device-settings"
import { startSiteHarness, type SiteHarness } from "./site-harness"

/** The site harness of the Device flow's tests: its org reads the (faked) clock at each call, as the site does. */
export async function startDeviceSiteHarness(): Promise<SiteHarness> {
  const h = await startSiteHarness()
  h.t.org.ctx.now = () => Date.now()
  return h
}

/** Before each Device flow test: the harness reset, `Date` faked, the flow enabled for the site's app. */
export function resetDeviceSite(h: SiteHarness): void {
  h.reset()
  vi.useFakeTimers({ toFake: ["Date"], now: Date.now() })
  setDeviceFlowEnabled(h.t.org.ctx.db, h.clientId, true)
}
