import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { to15 } from "@/lib/emulator/ids"
import { ACCOUNTS, ORG, USERS } from "@/lib/emulator/seed/records"
import { getApp } from "@/lib/emulator/store/apps"
import { getAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { CURSOR_IDLE_MS, MAX_CURSORS_PER_USER } from "@/lib/emulator/store/query-cursors"
import { resetOrg } from "@/lib/emulator/store/reset"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

/** The org's built-in app, its records in SQLite and its query cursors, in-process. */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const DEMO = USERS.find((u) => u.Username === "demo@example.com")!
let t: TestOrg

beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test" })
})
afterEach(() => t.close())

const token = (userId = ADMIN.Id) =>
  mintAccessToken(
    t.org.ctx.db,
    to15(ORG.Id),
    { clientId: t.org.credentials.clientId, userId, scopes: ["api"] },
    t.clock.now(),
    60 * 60_000,
  ).token
const api = (path: string, accessToken: string, init: RequestInit = {}) =>
  t.call(`/services/data/v66.0${path}`, {
    ...init,
    headers: { authorization: `Bearer ${accessToken}`, ...init.headers },
  })

describe("the built-in PlatformCLI app", () => {
  it("F-100 every org has it: public client, sf's callback, no certificate, no pre-authorized user", async () => {
    const app = getApp(t.org.ctx.db, "PlatformCLI")!
    expect(app).toMatchObject({
      clientSecret: "",
      certificatePem: "",
      callbackUrls: ["http://localhost:1717/OauthRedirect"],
    })
    expect(getAppSecretSettings(t.org.ctx.db, "PlatformCLI")).toEqual({
      requireSecretForWebServer: false,
      requireSecretForRefreshToken: false,
    })
    resetOrg(t.org.ctx.db, t.clock.now())
    expect(getApp(t.org.ctx.db, "PlatformCLI")?.callbackUrls).toEqual([app.callbackUrls[0]])
    const preauth = t.org.ctx.db
      .prepare("SELECT * FROM preauthorized_users WHERE client_id = 'PlatformCLI'")
      .all()
    expect(preauth).toEqual([])
    // Without a certificate no JWT assertion can be verified for it.
    const assertion = await signAssertion(
      t.org.credentials.privateKeyPem,
      standardClaims("PlatformCLI", t.base, ADMIN.Username, t.clock.now()),
    )
    const res = await t.call("/services/oauth2/token", {
      form: { grant_type: JWT_GRANT, assertion },
    })
    expect(res.status).toBe(400)
    expect(await jsonOf(res)).toMatchObject({ error: "invalid_grant" })
  })
})

describe("records and query cursors", () => {
  it("F-106 reset puts the seeded records back and forgets written ones", async () => {
    const tk = token()
    const created = await jsonOf(
      await api("/sobjects/Account", tk, {
        method: "POST",
        body: JSON.stringify({ Name: "Temporary" }),
      }),
    )
    await api(`/sobjects/Account/${ACCOUNTS[0].Id}`, tk, { method: "DELETE" })
    resetOrg(t.org.ctx.db, t.clock.now())
    const tk2 = token()
    expect((await api(`/sobjects/Account/${String(created.id)}`, tk2)).status).toBe(404)
    expect((await api(`/sobjects/Account/${ACCOUNTS[0].Id}`, tk2)).status).toBe(200)
  })

  it("F-105 a cursor belongs to its user, idles out after 15 minutes, and a user keeps ten", async () => {
    const tk = token()
    for (let i = 0; i < 200; i++) {
      await api("/sobjects/Account", tk, {
        method: "POST",
        body: JSON.stringify({ Name: `A${i}` }),
      })
    }
    const open = async () => {
      const res = await api("/query?q=SELECT+Id+FROM+Account", tk, {
        headers: { "sforce-query-options": "batchSize=200" },
      })
      return String((await jsonOf(res)).nextRecordsUrl)
    }
    const next = await open()
    const stranger = await api(next.replace("/services/data/v66.0", ""), token(DEMO.Id))
    expect(stranger.status).toBe(400)
    expect(await stranger.json()).toEqual([
      { message: "invalid query locator", errorCode: "INVALID_QUERY_LOCATOR" },
    ])
    t.clock.advance(CURSOR_IDLE_MS + 1)
    expect((await api(next.replace("/services/data/v66.0", ""), tk)).status).toBe(400)

    const urls: string[] = []
    for (let i = 0; i <= MAX_CURSORS_PER_USER; i++) {
      urls.push(await open())
      t.clock.advance(1)
    }
    expect((await api(urls[0]!.replace("/services/data/v66.0", ""), tk)).status).toBe(400)
    expect((await api(urls[1]!.replace("/services/data/v66.0", ""), tk)).status).toBe(200)
  })

  it("F-106 answers 405 with Allow for a method a resource does not take", async () => {
    const res = await api("/sobjects/Account", token(), { method: "DELETE" })
    expect(res.status).toBe(405)
    expect(res.headers.get("allow")).toBe("HEAD, GET, POST")
    expect(await res.json()).toEqual([
      {
        message: "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,POST",
        errorCode: "METHOD_NOT_ALLOWED",
      },
    ])
  })

  it("F-107 refuses an over-long value, a non-string value and a body that is not JSON", async () => {
    const tk = token()
    const post = (body: string) =>
      api("/sobjects/Account", tk, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      })
    const long = await post(JSON.stringify({ Name: "x".repeat(256) }))
    expect(long.status).toBe(400)
    expect(await long.json()).toEqual([
      expect.objectContaining({ errorCode: "STRING_TOO_LONG", fields: ["Name"] }),
    ])
    const numeric = await post(JSON.stringify({ Name: 5 }))
    expect(await numeric.json()).toEqual([
      expect.objectContaining({ errorCode: "JSON_PARSER_ERROR", fields: ["Name"] }),
    ])
    for (const body of ["{", "[]", "null"]) {
      const res = await post(body)
      expect(res.status, body).toBe(400)
      expect(await res.json()).toEqual([
        expect.objectContaining({ errorCode: "JSON_PARSER_ERROR" }),
      ])
    }
  })

  it("F-106 retrieves only the fields asked for, and refuses an unknown one", async () => {
    const tk = token()
    const res = await api(`/sobjects/Account/${ACCOUNTS[1].Id}?fields=Name,industry`, tk)
    expect(await res.json()).toEqual({
      attributes: {
        type: "Account",
        url: `/services/data/v66.0/sobjects/Account/${ACCOUNTS[1].Id}`,
      },
      Name: ACCOUNTS[1].Name,
      Industry: ACCOUNTS[1].Industry,
    })
    const bad = await api(`/sobjects/Account/${ACCOUNTS[1].Id}?fields=Nope`, tk)
    expect(bad.status).toBe(400)
    expect(await bad.json()).toEqual([expect.objectContaining({ errorCode: "INVALID_FIELD" })])
    // The 15-character form of an ID finds the same record.
    const short = await api(`/sobjects/Account/${ACCOUNTS[1].Id.slice(0, 15)}`, tk)
    expect(short.status).toBe(200)
  })
})
