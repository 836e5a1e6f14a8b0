import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { MAX_DEVICE_REQUESTS } from "@/lib/emulator/store/device-codes"
import { pollDevice, requestDeviceCode } from "../../_helpers/device"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

// A device code needs only the public consumer key: anyone can ask for as many as they like, and
// each is a row kept for its 10 minutes and a day after. The org keeps at most MAX_DEVICE_REQUESTS
// (docs/fidelity.md, F-152), as it does parked authorize requests (F-57).
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ rateLimits: false })
})
afterEach(() => t.close())

const rows = () =>
  (t.org.ctx.db.prepare("SELECT COUNT(*) AS n FROM device_codes").get() as { n: number }).n

describe("a flood of device code requests", () => {
  it("F-152 leaves at most MAX_DEVICE_REQUESTS rows: the newest still polls, the oldest is unknown", async () => {
    const codes: string[] = []
    for (let i = 0; i < MAX_DEVICE_REQUESTS + 300; i++) {
      const res = await requestDeviceCode(t)
      expect(res.status).toBe(200)
      codes.push(String((await jsonOf(res)).device_code))
    }
    expect(rows()).toBe(MAX_DEVICE_REQUESTS)
    expect(await jsonOf(await pollDevice(t, codes.at(-1)!))).toEqual({
      error: "authorization_pending",
      error_description: "authorization pending",
    })
    expect(await jsonOf(await pollDevice(t, codes[0]!))).toEqual({
      error: "invalid_grant",
      error_description: "token exchange failed",
    })
  }, 60_000)
})
