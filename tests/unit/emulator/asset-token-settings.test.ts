import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { getAssetTokenSettings, parseAudiences } from "@/lib/emulator/store/asset-token-settings"
import { USERS } from "@/lib/emulator/seed/records"
import { csrfIn, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

async function settingsAsAdmin() {
  const b = new TestBrowser(t)
  const first = await b.get("/settings")
  const login = await b.get(first.headers.get("location")!)
  const html = await login.text()
  const startURL = /name="startURL" value="([^"]*)"/.exec(html)![1]!
  await b.post("/login", {
    _csrf: csrfIn(html),
    startURL,
    username: ADMIN.Username,
    password: ADMIN.password,
  })
  return { b, html: await (await b.get("/settings")).text() }
}

describe("the asset token settings on the org settings page", () => {
  it("F-255 shows Enable Asset Tokens (on for the lab's app), Token Valid for and Asset Audiences, and saves them", async () => {
    const { b, html } = await settingsAsAdmin()
    expect(html).toMatch(/name="assetTokensEnabled" value="on" checked> Enable Asset Tokens/)
    expect(html).toMatch(/<option value="10" selected>10 minutes<\/option>/)
    expect(html).toContain("https://device-backend.example.com</textarea>")
    const saved = await b.post("/settings", {
      _csrf: csrfIn(html),
      appPolicy: "self-authorize",
      accessTokenMinutes: "120",
      appScopes: "api",
      assetTokenMinutes: "30",
      assetAudiences: "https://a.example.com\nnot a url\nurn:lab:b",
      assetRequireSignedActor: "on",
    })
    expect(saved.headers.get("location")).toBe("/settings?done=saved")
    expect(getAssetTokenSettings(t.org.ctx.db, t.org.credentials.clientId)).toEqual({
      enabled: false,
      minutes: 30,
      audiences: ["https://a.example.com", "urn:lab:b"],
      requireSignedActor: true,
    })
  })

  it("F-255 an audience must be an absolute URI; at most five are kept, without duplicates", () => {
    expect(parseAudiences("https://a, https://a ,x, urn:b c:d e:f g:h i:j")).toEqual([
      "https://a",
      "urn:b",
      "c:d",
      "e:f",
      "g:h",
    ])
  })
})
