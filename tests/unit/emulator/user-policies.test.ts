// Over 200 lines: one suite per user policy (My Domain login, permissions, freeze, IP ranges, high assurance), side by side.
import crypto from "node:crypto"
import type http from "node:http"
import { afterEach, describe, expect, it } from "vitest"
import { clientIp } from "@/lib/emulator/client-ip"
import { LOGIN_API_ONLY, LOGIN_RESTRICTED } from "@/lib/emulator/interactive/login-policy"
import { LOGIN_FAILED } from "@/lib/emulator/pages/login-page"
import { DEMO_USERS } from "@/lib/emulator/seed/records"
import { toWebRequest } from "@/lib/emulator/server/node-http"
import { applyOrgPatch, type OrgPatch } from "@/lib/emulator/store/org-patch"
import { resetOrg } from "@/lib/emulator/store/reset"
import { getUserPolicy } from "@/lib/emulator/store/user-policies"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { adminBrowser, loginAt } from "../../_helpers/org-admin"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
afterEach(() => t.close())

const DEMO = { username: "demo@example.com", password: "demo1234" }
const ADMIN = "admin@example.com"
const DEMO_ID = DEMO_USERS[0]!.Id
const OUTSIDE = "10.0.0.0-10.255.255.255"
const patch = (p: OrgPatch) => applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, p)

const jwtFor = async (username: string) =>
  t.call("/services/oauth2/token", {
    form: {
      grant_type: JWT_GRANT,
      assertion: await signAssertion(
        t.org.credentials.privateKeyPem,
        standardClaims(t.org.credentials.clientId, t.base, username, t.clock.now()),
      ),
    },
  })

const verifier = crypto.randomBytes(32).toString("base64url")
const authParams = {
  response_type: "code",
  client_id: "",
  redirect_uri: WEB_CALLBACK,
  scope: "api refresh_token",
  state: "st-1",
  code_challenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
}
const authorize = (b = new TestBrowser(t)) =>
  runAuthorize(b, t, { ...authParams, client_id: t.org.credentials.clientId }, DEMO)

describe("the My Domain login policy", () => {
  it("F-176 with Prevent login from the generic login host on, a login there fails as a wrong password does; My Domain still works; off, both work", async () => {
    t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
    const atLoginHost = () =>
      loginAt(t, DEMO.username, DEMO.password, "http://login.org.test/login")
    expect((await atLoginHost()).status).toBe(303)

    const { b, csrf } = await adminBrowser(t)
    await b.post("/settings/policies", {
      _csrf: csrf,
      preventLoginAtLoginHost: "on",
      installed: "on",
      apiAccessAllowed: "on",
      ipRelaxation: "enforce",
    })
    const refused = await atLoginHost()
    expect(refused.status).toBe(401)
    expect(refused.text).toContain(LOGIN_FAILED.slice(0, 40))
    expect(refused.browser.hasSession()).toBe(false)
    expect((await loginAt(t, DEMO.username, DEMO.password)).status).toBe(303)

    patch({ settings: { preventLoginAtLoginHost: false } })
    expect((await atLoginHost()).status).toBe(303)
  })
})

describe("user permissions", () => {
  it("F-177 without API Enabled the REST API answers API_DISABLED_FOR_ORG; turned back on, it answers", async () => {
    t = await createTestOrg()
    const token = ((await jsonOf(await jwtFor(ADMIN))) as { access_token: string }).access_token
    const limits = () =>
      t.call("/services/data/v66.0/limits", { headers: { authorization: `Bearer ${token}` } })
    expect((await limits()).status).toBe(200)
    patch({ users: { [ADMIN]: { apiEnabled: false } } })
    const refused = await limits()
    expect(refused.status).toBe(403)
    expect(await refused.json()).toEqual([
      {
        message: "The REST API is not enabled for this Organization.",
        errorCode: "API_DISABLED_FOR_ORG",
      },
    ])
    patch({ users: { [ADMIN]: { apiEnabled: true } } })
    expect((await limits()).status).toBe(200)
  })

  it("F-178 an API Only user cannot log in to the UI (Insufficient Privileges) but still gets tokens; without it, logs in", async () => {
    t = await createTestOrg()
    patch({ users: { [DEMO.username]: { apiOnly: true }, [ADMIN]: { apiOnly: true } } })
    const refused = await loginAt(t, DEMO.username, DEMO.password)
    expect(refused.status).toBe(403)
    expect(refused.text).toContain(LOGIN_API_ONLY)
    expect(refused.browser.hasSession()).toBe(false)
    expect((await jwtFor(ADMIN)).status).toBe(200)
    patch({ users: { [DEMO.username]: { apiOnly: false } } })
    expect((await loginAt(t, DEMO.username, DEMO.password)).status).toBe(303)
  })
})

describe("frozen users", () => {
  it("F-179 a frozen user's login fails with the generic text and token grants are refused; unfrozen, both work", async () => {
    t = await createTestOrg()
    const { b, csrf, html } = await adminBrowser(t)
    expect(html).toContain(`<label class="check" for="frozen-${DEMO_ID}">`)
    await b.post("/settings/users", {
      _csrf: csrf,
      user: DEMO_ID,
      [`apiEnabled:${DEMO_ID}`]: "on",
      [`approveUninstalledApps:${DEMO_ID}`]: "on",
      [`frozen:${DEMO_ID}`]: "on",
    })
    expect(getUserPolicy(t.org.ctx.db, DEMO_ID).frozen).toBe(true)
    const refused = await loginAt(t, DEMO.username, DEMO.password)
    expect(refused.status).toBe(403)
    expect(refused.text).toContain(LOGIN_RESTRICTED)

    patch({ users: { [ADMIN]: { frozen: true } } })
    expect(await jsonOf(await jwtFor(ADMIN))).toEqual({
      error: "invalid_grant",
      error_description: "inactive user",
    })
    patch({ users: { [ADMIN]: { frozen: false }, [DEMO.username]: { frozen: false } } })
    expect((await jwtFor(ADMIN)).status).toBe(200)
    expect((await loginAt(t, DEMO.username, DEMO.password)).status).toBe(303)
  })
})

describe("login IP ranges and the app's IP relaxation", () => {
  it("F-180 from outside the user's ranges the login page and the JWT Bearer grant are refused; Relax IP restrictions lifts it for the app; a range with the address works", async () => {
    t = await createTestOrg()
    const { b, csrf } = await adminBrowser(t)
    const saved = await b.post("/settings/users", {
      _csrf: csrf,
      user: DEMO_ID,
      [`apiEnabled:${DEMO_ID}`]: "on",
      [`approveUninstalledApps:${DEMO_ID}`]: "on",
      [`loginIpRanges:${DEMO_ID}`]: OUTSIDE,
    })
    expect(saved.headers.get("location")).toBe("/emulator/settings?done=users")
    const bad = await b.post("/settings/users", {
      _csrf: csrf,
      user: DEMO_ID,
      [`apiEnabled:${DEMO_ID}`]: "on",
      [`loginIpRanges:${DEMO_ID}`]: "10.0.0.9-10.0.0.1",
    })
    expect(bad.headers.get("location")).toBe("/emulator/settings?done=ip-refused")
    expect(getUserPolicy(t.org.ctx.db, DEMO_ID).loginIpRanges).toEqual([
      { start: "10.0.0.0", end: "10.255.255.255" },
    ])

    const refused = await loginAt(t, DEMO.username, DEMO.password)
    expect(refused.status).toBe(403)
    expect(refused.text).toContain(LOGIN_RESTRICTED)
    expect(await authorize().then((r) => r.location)).toBeUndefined()

    patch({ users: { [ADMIN]: { loginIpRanges: OUTSIDE } } })
    expect(await jsonOf(await jwtFor(ADMIN))).toEqual({
      error: "invalid_grant",
      error_description: "ip restricted",
    })

    // "Relax IP restrictions": the app's logins and grants are exempt; a plain UI login is not.
    patch({ app: { ipRelaxation: "relax" } })
    expect((await jwtFor(ADMIN)).status).toBe(200)
    expect(callbackParams((await authorize()).location!).get("code")).toBeTruthy()
    expect((await loginAt(t, DEMO.username, DEMO.password)).status).toBe(403)

    patch({ app: { ipRelaxation: "enforce" }, users: { [ADMIN]: { loginIpRanges: "127.0.0.1" } } })
    expect((await jwtFor(ADMIN)).status).toBe(200)
  })

  it("F-180 Enforce IP restrictions, but relax for refresh tokens: the refresh grant is exempt, and plain Enforce refuses it", async () => {
    t = await createTestOrg()
    const run = await authorize()
    const code = callbackParams(run.location!).get("code")!
    const { clientId, clientSecret } = t.org.credentials
    const tokens = (await jsonOf(
      await t.call("/services/oauth2/token", {
        form: {
          grant_type: "authorization_code",
          code,
          client_id: clientId,
          client_secret: clientSecret,
          redirect_uri: WEB_CALLBACK,
          code_verifier: verifier,
        },
      }),
    )) as { refresh_token: string }
    const refresh = () =>
      t.call("/services/oauth2/token", {
        form: {
          grant_type: "refresh_token",
          refresh_token: tokens.refresh_token,
          client_id: clientId,
          client_secret: clientSecret,
        },
      })
    patch({ users: { [DEMO.username]: { loginIpRanges: OUTSIDE } } })
    expect(await jsonOf(await refresh())).toEqual({
      error: "invalid_grant",
      error_description: "ip restricted",
    })
    patch({ app: { ipRelaxation: "enforce-relax-refresh" } })
    expect((await refresh()).status).toBe(200)
  })

  it("F-180 S-241 the org sees the socket's address, never a header's: node:http records it, and an in-process call counts as loopback", async () => {
    t = await createTestOrg()
    const incoming = {
      method: "GET",
      url: "/login",
      headers: { host: "org.test", "x-forwarded-for": "127.0.0.1", "x-real-ip": "127.0.0.1" },
      socket: { remoteAddress: "10.9.8.7" },
    } as unknown as http.IncomingMessage
    expect(clientIp(await toWebRequest(incoming))).toBe("10.9.8.7")
    expect(clientIp(new Request("http://org.test/"))).toBe("127.0.0.1")
    // A spoofed header does not put a caller inside the ranges.
    patch({ users: { [ADMIN]: { loginIpRanges: "10.0.0.1" } } })
    const res = await t.org.handle(
      new Request("http://org.test/emulator/services/oauth2/token", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          "x-forwarded-for": "10.0.0.1",
        },
        body: new URLSearchParams({
          grant_type: JWT_GRANT,
          assertion: await signAssertion(
            t.org.credentials.privateKeyPem,
            standardClaims(t.org.credentials.clientId, t.base, ADMIN, t.clock.now()),
          ),
        }).toString(),
      }),
    )
    expect(await jsonOf(res)).toEqual({
      error: "invalid_grant",
      error_description: "ip restricted",
    })
  })
})

describe("high-assurance sessions", () => {
  it("F-181 an app that requires a high-assurance session refuses the password session at authorize; token grants are not subject to it; off, the flow works", async () => {
    t = await createTestOrg()
    patch({ app: { highAssurance: true } })
    const cb = callbackParams((await authorize()).location!)
    expect(Object.fromEntries(cb)).toEqual({
      error: "invalid_session_level",
      error_description: "high assurance session required",
      state: "st-1",
    })
    expect((await jwtFor(ADMIN)).status).toBe(200)
    patch({ app: { highAssurance: false } })
    expect(callbackParams((await authorize()).location!).get("code")).toBeTruthy()
  })
})

describe("Reset the org", () => {
  it("F-182 restores every user's permissions, freeze and ranges, and the app's policies", async () => {
    t = await createTestOrg()
    patch({
      users: { [DEMO.username]: { frozen: true, apiEnabled: false, loginIpRanges: OUTSIDE } },
      app: { installed: false, highAssurance: true },
      settings: { apiAccessControl: true },
    })
    resetOrg(t.org.ctx.db, t.clock.now())
    expect(getUserPolicy(t.org.ctx.db, DEMO_ID)).toMatchObject({
      frozen: false,
      apiEnabled: true,
      loginIpRanges: [],
    })
    expect(callbackParams((await authorize()).location!).get("code")).toBeTruthy()
  })
})
