import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { to15 } from "@/lib/emulator/ids"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { OTP_TTL_MS } from "@/lib/emulator/store/frontdoor-otps"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

/** `/services/oauth2/singleaccess` and `/secur/frontdoor.jsp`, in-process, at a root origin. */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const INACTIVE = USERS.find((u) => !u.IsActive)!
let t: TestOrg

beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

function token(scopes: string[], userId = ADMIN.Id): string {
  return mintAccessToken(
    t.org.ctx.db,
    to15(ORG.Id),
    { clientId: t.org.credentials.clientId, userId, scopes },
    t.clock.now(),
    60 * 60_000,
  ).token
}

const singleAccess = (accessToken: string | undefined, query = "", method = "POST") =>
  t.call(`/services/oauth2/singleaccess${query}`, {
    method,
    headers: accessToken ? { authorization: `Bearer ${accessToken}` } : {},
  })

async function frontdoorUri(query = ""): Promise<string> {
  const res = await singleAccess(token(["api", "web"]), query)
  expect(res.status).toBe(200)
  const body = await jsonOf(res)
  expect(Object.keys(body)).toEqual(["frontdoor_uri"])
  return String(body.frontdoor_uri)
}

describe("singleaccess and frontdoor.jsp", () => {
  it("F-101 answers POST and GET with a one-time frontdoor URL on the org's My Domain", async () => {
    const uri = await frontdoorUri()
    expect(uri).toMatch(/^http:\/\/org\.test\/secur\/frontdoor\.jsp\?otp=[\w-]{43}$/)
    const viaGet = await singleAccess(token(["web", "api"]), "", "GET")
    expect(viaGet.status).toBe(200)
    const landing = await t.call(uri)
    expect(landing.status).toBe(302)
    expect(landing.headers.get("location")).toBe("/")
    const cookie = landing.headers.getSetCookie()[0]!.split(";")[0]!
    const home = await t.call("/", { headers: { cookie } })
    expect(await home.text()).toContain(`You are logged in as <code>${ADMIN.Username}</code>`)
  })

  it("F-101 answers an unusable token 403, as sf core expects, and a token without web 403 too", async () => {
    for (const bad of [undefined, "00Dnot!atoken"]) {
      const res = await singleAccess(bad)
      expect(res.status).toBe(403)
      expect(await res.text()).toBe("Bad_OAuth_Token")
    }
    const inactive = await singleAccess(token(["api", "web"], INACTIVE.Id))
    expect(inactive.status).toBe(403)
    const apiOnly = await singleAccess(token(["api"]))
    expect(apiOnly.status).toBe(403)
    expect(await jsonOf(apiOnly)).toMatchObject({ error: "insufficient_scope" })
  })

  it("F-103 S-201 an OTP opens one session, once, and expires unused after five minutes", async () => {
    const uri = await frontdoorUri()
    expect((await t.call(uri)).headers.get("location")).toBe("/")
    const replay = await t.call(uri)
    expect(replay.headers.get("location")).toBe("/login")
    expect(replay.headers.getSetCookie()).toEqual([])

    const late = await frontdoorUri()
    t.clock.advance(OTP_TTL_MS + 1)
    expect((await t.call(late)).headers.get("location")).toBe("/login")
    // Only its hash is stored.
    const otp = new URL(late).searchParams.get("otp")!
    const rows = t.org.ctx.db.prepare("SELECT * FROM frontdoor_otps").all()
    expect(JSON.stringify(rows)).not.toContain(otp)
  })

  it("S-200 lands only on a path of the org: an outside redirect_uri or retURL is refused", async () => {
    const inside = await frontdoorUri("?redirect_uri=%2Fsettings")
    expect((await t.call(inside)).headers.get("location")).toBe("/settings")
    for (const outside of ["https://evil.example/", "//evil.example/x", "/\\evil.example"]) {
      const res = await singleAccess(token(["web"]), `?redirect_uri=${encodeURIComponent(outside)}`)
      expect(res.status, outside).toBe(400)
      expect(await jsonOf(res)).toMatchObject({ error: "invalid_request" })
    }
    const sid = token(["web"])
    const viaSid = await t.call(
      `/secur/frontdoor.jsp?sid=${encodeURIComponent(sid)}&retURL=${encodeURIComponent("https://evil.example/")}`,
    )
    expect(viaSid.headers.get("location")).toBe("/")
  })

  it("S-200 C-74 a retURL or redirect_uri whose dot segments resolve to //host never becomes the Location", async () => {
    for (const outside of ["/.//evil.example/x", "/a/..//evil.example", "/%2e//evil.example"]) {
      const viaSid = await t.call(
        `/secur/frontdoor.jsp?sid=${encodeURIComponent(token(["web"]))}&retURL=${encodeURIComponent(outside)}`,
      )
      expect(viaSid.headers.get("location"), outside).toBe("/")
      const res = await singleAccess(token(["web"]), `?redirect_uri=${encodeURIComponent(outside)}`)
      expect(res.status, outside).toBe(400)
    }
  })

  it("F-102 sid= takes a live access token with web or full, by GET or form POST; else the login page", async () => {
    const ok = await t.call(`/secur/frontdoor.jsp?sid=${encodeURIComponent(token(["full"]))}`)
    expect(ok.headers.get("location")).toBe("/")
    expect(ok.headers.getSetCookie()[0]).toMatch(/^sid=/)
    const posted = await t.call("/secur/frontdoor.jsp", {
      form: { sid: token(["web"]), retURL: "/settings" },
    })
    expect(posted.headers.get("location")).toBe("/settings")
    for (const sid of [token(["api"]), "00Dbogus!x", token(["web"], INACTIVE.Id)]) {
      const res = await t.call(`/secur/frontdoor.jsp?sid=${encodeURIComponent(sid)}`)
      expect(res.headers.get("location")).toBe("/login")
      expect(res.headers.getSetCookie()).toEqual([])
    }
  })
})
