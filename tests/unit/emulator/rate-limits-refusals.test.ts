import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { applyOrgPatch } from "@/lib/emulator/store/org-patch"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

// "Refused requests count nothing" (docs/fidelity.md, F-65): only a login that issues tokens takes
// from the user's hourly allowance, so a client's mistakes cannot lock its user out.
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const ADMIN = "admin@example.com"
const DEMO = "demo@example.com"
const LOGIN_RATE = { error: "invalid_grant", error_description: "login rate exceeded" }

const limit = (n: number) =>
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), loginsPerUserPerHour: n })
const assertionFor = (username: string) =>
  signAssertion(
    t.org.credentials.privateKeyPem,
    standardClaims(t.org.credentials.clientId, t.base, username, t.clock.now()),
  )
const jwt = (assertion: string) =>
  t.call("/services/oauth2/token", { form: { grant_type: JWT_GRANT, assertion } })

describe("the login rate counts logins, not refusals", () => {
  it("F-65 replayed assertions, refused, take nothing from the allowance", async () => {
    limit(3)
    const once = await assertionFor(ADMIN)
    expect((await jwt(once)).status).toBe(200)
    for (let i = 0; i < 2; i++) expect((await jwt(once)).status).toBe(400)
    expect((await jwt(await assertionFor(ADMIN))).status).toBe(200)
    expect((await jwt(await assertionFor(ADMIN))).status).toBe(200)
    expect(await jsonOf(await jwt(await assertionFor(ADMIN)))).toEqual(LOGIN_RATE)
  })

  it("F-65 a user refused for want of approval keeps the allowance for when the app is approved", async () => {
    limit(1)
    applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, {
      users: { [DEMO]: { preauthorized: false } },
    })
    for (let i = 0; i < 3; i++) {
      expect(await jsonOf(await jwt(await assertionFor(DEMO)))).toEqual({
        error: "invalid_grant",
        error_description: "user hasn't approved this consumer",
      })
    }
    applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, {
      users: { [DEMO]: { preauthorized: true } },
    })
    expect((await jwt(await assertionFor(DEMO))).status).toBe(200)
    expect(await jsonOf(await jwt(await assertionFor(DEMO)))).toEqual(LOGIN_RATE)
  })
})
