import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

describe("S-94 the org answers only its own host (DNS rebinding)", () => {
  it("F-61 S-94 a page, the token endpoint and /id/keys asked under another Host get 421, not a 5xx", async () => {
    for (const host of [
      "evil.test",
      "127.0.0.1",
      "localhost",
      "org.test:8080",
      "org.test.evil.test",
    ]) {
      const page = await t.call("/login", { headers: { host } })
      expect(page.status, host).toBe(421)
      expect(page.headers.get("content-type")).toMatch(/^text\/html/)
      expect(await page.text()).toContain("This org answers only at http://org.test/emulator")
      expect(page.headers.getSetCookie()).toEqual([])

      const token = await t.call("/services/oauth2/token", {
        headers: { host },
        form: { grant_type: "authorization_code", code: "x" },
      })
      expect(token.status, host).toBe(421)
      expect(await token.json()).toMatchObject({ error: "invalid_request" })

      const keys = await t.call("/id/keys", { headers: { host } })
      expect(keys.status, host).toBe(421)
      expect(await keys.json()).toEqual([
        expect.objectContaining({ errorCode: "MISDIRECTED_REQUEST" }),
      ])
    }
  })

  it("S-94 its own host is answered, in any letter case, and with no Host header the request URL's host counts", async () => {
    expect((await t.call("/id/keys", { headers: { host: "org.test" } })).status).toBe(200)
    expect((await t.call("/id/keys", { headers: { host: "ORG.test:80" } })).status).toBe(200)
    expect((await t.call("/id/keys")).status).toBe(200)
    expect((await t.call("http://other.test/emulator/id/keys")).status).toBe(421)
  })

  it("S-94 an extra allowed origin (EmulatorOptions.allowedOrigins) is answered too", async () => {
    const other = await createTestOrg({
      allowedOrigins: ["http://127.0.0.1:3000"],
    })
    try {
      expect((await other.call("/id/keys", { headers: { host: "127.0.0.1:3000" } })).status).toBe(
        200,
      )
      expect((await other.call("/id/keys", { headers: { host: "127.0.0.1:3001" } })).status).toBe(
        421,
      )
    } finally {
      other.close()
    }
  })
})
