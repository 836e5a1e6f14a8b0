import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { USERS } from "@/lib/emulator/seed/records"
import { saveClientCredentialsSettings } from "@/lib/emulator/store/client-credentials"
import { sessionOf, startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

/** The Client Credentials and Username-Password start routes, called as Next calls them. */
const SITE = "http://localhost:3999"
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness(SITE)
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const CROSS: Record<string, string>[] = [
  { origin: "https://evil.test" },
  { "sec-fetch-site": "cross-site" },
]
const FORM = { "content-type": "application/x-www-form-urlencoded" }
const post = (path: string, headers: Record<string, string>, body: Record<string, string>) =>
  new Request(`${SITE}${path}`, {
    method: "POST",
    headers: { ...FORM, ...headers },
    body: new URLSearchParams(body).toString(),
  })

describe("the Client Credentials and Username-Password start routes", () => {
  it("C-121 C-120 refuse a start from another site (403, no cookie, no call to the org) and answer GET with 405", async () => {
    const cc = await import("@/app/flows/client-credentials/start/route")
    const up = await import("@/app/flows/username-password/start/route")
    for (const [path, route, body] of [
      ["/flows/client-credentials/start", cc, { via: "basic" }],
      [
        "/flows/username-password/start",
        up,
        { username: "demo@example.com", password: "demo1234" },
      ],
    ] as const) {
      for (const headers of CROSS) {
        const res = await route.POST(post(path, headers, body))
        expect(res.status).toBe(403)
        expect(res.headers.getSetCookie()).toEqual([])
      }
      expect(route.GET(new Request(`${SITE}${path}`)).status).toBe(405)
    }
    expect(h.log).toHaveLength(0)
  })

  it("C-121 same-origin, the chosen secret method reaches the org, and an unknown choice falls back to the body", async () => {
    saveClientCredentialsSettings(h.t.org.ctx.db, h.clientId, {
      enabled: true,
      runAsUserId: ADMIN.Id,
    })
    const cc = await import("@/app/flows/client-credentials/start/route")
    const basic = await cc.POST(
      post("/flows/client-credentials/start", { origin: SITE }, { via: "basic" }),
    )
    expect(basic.headers.get("location")).toBe("/inspector")
    expect(h.tokenCalls()[0]!.body).toBe("grant_type=client_credentials")
    expect((await sessionOf(basic.headers.getSetCookie()))!.user.username).toBe(ADMIN.Username)
    h.reset()
    await cc.POST(post("/flows/client-credentials/start", { origin: SITE }, { via: "header" }))
    expect(new URLSearchParams(h.tokenCalls()[0]!.body).has("client_secret")).toBe(true)
  })

  it("C-120 the Username-Password route sends the password to the org only, and its answer never carries it", async () => {
    const up = await import("@/app/flows/username-password/start/route")
    const password = "route-CANARY-password-91"
    const res = await up.POST(
      post(
        "/flows/username-password/start",
        { origin: SITE },
        { username: " demo@example.com ", password },
      ),
    )
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("/flows/error")
    const sent = new URLSearchParams(h.tokenCalls()[0]!.body)
    expect(sent.get("username")).toBe("demo@example.com")
    expect(sent.get("password")).toBe(password)
    expect(JSON.stringify([...res.headers])).not.toContain(password)
    expect(await res.text()).not.toContain(password)
  })
})
