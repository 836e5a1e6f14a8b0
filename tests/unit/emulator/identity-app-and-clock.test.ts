import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { to15 } from "@/lib/emulator/ids"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { applyOrgPatch } from "@/lib/emulator/store/org-patch"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

// The identity URL's and userinfo's fields that follow the token's app and the org's clock
// (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-using-identity-urls.html).
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")! // Europe/Paris
const DEMO = USERS.find((u) => u.TimeZoneSidKey === "America/Los_Angeles")!
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test" })
})
afterEach(() => t.close())

const tokenFor = (clientId: string, userId = ADMIN.Id) =>
  mintAccessToken(
    t.org.ctx.db,
    to15(ORG.Id),
    { clientId, userId, scopes: ["api", "openid"] },
    t.clock.now(),
    60 * 60_000,
  ).token

async function both(token: string, userId = ADMIN.Id) {
  const auth = { headers: { authorization: `Bearer ${token}` } }
  const id = await t.call(`/id/${ORG.Id}/${userId}`, auth)
  const info = await t.call("/services/oauth2/userinfo", auth)
  expect([id.status, info.status]).toEqual([200, 200])
  return [await jsonOf(id), await jsonOf(info)]
}

describe("identity URL and userinfo", () => {
  it("F-256 carry is_app_installed: true for an installed app, and leave it out for an uninstalled one", async () => {
    for (const body of await both(tokenFor(t.org.credentials.clientId)))
      expect(body.is_app_installed).toBe(true)
    // The Salesforce CLI's app is uninstalled by default (F-172).
    for (const body of await both(tokenFor("PlatformCLI")))
      expect(body).not.toHaveProperty("is_app_installed")
    // Uninstalling the site's app takes the field away from its live tokens too.
    const token = tokenFor(t.org.credentials.clientId)
    applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, { app: { installed: false } })
    for (const body of await both(token)) expect(body).not.toHaveProperty("is_app_installed")
  })

  it("F-257 give utcOffset as the user's time zone's offset in ms at the org's clock, daylight saving time included", async () => {
    t.clock.ms = Date.UTC(2026, 0, 15, 12)
    for (const body of await both(tokenFor(t.org.credentials.clientId)))
      expect(body.utcOffset).toBe(3_600_000)
    const demo = tokenFor(t.org.credentials.clientId, DEMO.Id)
    for (const body of await both(demo, DEMO.Id)) expect(body.utcOffset).toBe(-28_800_000)
    t.clock.ms = Date.UTC(2026, 6, 15, 12)
    for (const body of await both(tokenFor(t.org.credentials.clientId)))
      expect(body.utcOffset).toBe(7_200_000)
  })
})
