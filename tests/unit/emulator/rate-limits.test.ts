// Over 200 lines: one suite for the org's three rate limits (token, authorize, introspection), which share their helpers.
import { afterEach, describe, expect, it } from "vitest"
import { parseConfig } from "@/lib/config/env"
import { DEFAULT_SETTINGS, getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { csrfIn, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg | undefined
afterEach(() => {
  t?.close()
  t = undefined
})

const ADMIN = "admin@example.com"
const LOGIN_RATE = { error: "invalid_grant", error_description: "login rate exceeded" }

function set(org: TestOrg, changes: Partial<typeof DEFAULT_SETTINGS>) {
  saveSettings(org.org.ctx.db, { ...getSettings(org.org.ctx.db), ...changes })
}

async function jwtLogin(org: TestOrg, username = ADMIN) {
  const assertion = await signAssertion(
    org.org.credentials.privateKeyPem,
    standardClaims(org.org.credentials.clientId, org.base, username, org.clock.now()),
  )
  return org.call("/services/oauth2/token", { form: { grant_type: JWT_GRANT, assertion } })
}

const authorize = (org: TestOrg) =>
  org.call(
    `/services/oauth2/authorize?${new URLSearchParams({
      response_type: "code",
      client_id: org.org.credentials.clientId,
      redirect_uri: WEB_CALLBACK,
      state: "s1",
    })}`,
  )

function introspect(org: TestOrg, token: string) {
  return org.call("/services/oauth2/introspect", {
    form: {
      token,
      client_id: org.org.credentials.clientId,
      client_secret: org.org.credentials.clientSecret,
    },
  })
}

describe("rate limits (org settings)", () => {
  it("S-84 F-65 has Salesforce's 3,600 logins per user per hour by default", async () => {
    t = await createTestOrg()
    expect(getSettings(t.org.ctx.db)).toMatchObject({
      loginsPerUserPerHour: 3600,
      authorizePerClientPerMinute: 1200,
      introspectPerClientPerMinute: 1200,
    })
  })

  it("S-84 F-65 the token endpoint refuses a user's logins past the hourly limit with invalid_grant / login rate exceeded, per user, until the hour has passed", async () => {
    t = await createTestOrg()
    set(t, { loginsPerUserPerHour: 3 })
    for (let i = 0; i < 3; i++) expect((await jwtLogin(t)).status).toBe(200)
    const refused = await jwtLogin(t)
    expect(refused.status).toBe(400)
    expect(await jsonOf(refused)).toEqual(LOGIN_RATE)
    // The refusal is in the token endpoint's format like every other error (F-04).
    const assertion = await signAssertion(
      t.org.credentials.privateKeyPem,
      standardClaims(t.org.credentials.clientId, t.base, ADMIN, t.clock.now()),
    )
    const xml = await t.call("/services/oauth2/token", {
      form: { grant_type: JWT_GRANT, assertion, format: "xml" },
    })
    expect(xml.status).toBe(400)
    expect(await xml.text()).toContain("<error_description>login rate exceeded</error_description>")
    // A sliding hour: 59 minutes later still refused, after the hour the allowance is back.
    t.clock.advance(59 * 60_000)
    expect((await jwtLogin(t)).status).toBe(400)
    t.clock.advance(2 * 60_000)
    expect((await jwtLogin(t)).status).toBe(200)
  })

  it("S-84 F-65 a code exchange and a refresh are logins too, and each user has an allowance of their own", async () => {
    t = await createTestOrg()
    set(t, { loginsPerUserPerHour: 2 })
    const run = await runAuthorize(new TestBrowser(t), t, {
      response_type: "code",
      client_id: t.org.credentials.clientId,
      redirect_uri: WEB_CALLBACK,
    })
    const code = new URL(run.location!).searchParams.get("code")!
    const redeem = await t.call("/services/oauth2/token", {
      form: {
        grant_type: "authorization_code",
        code,
        redirect_uri: WEB_CALLBACK,
        client_id: t.org.credentials.clientId,
        client_secret: t.org.credentials.clientSecret,
      },
    })
    expect(redeem.status).toBe(200)
    const { refresh_token } = (await redeem.json()) as { refresh_token: string }
    const refresh = () =>
      t!.call("/services/oauth2/token", {
        form: {
          grant_type: "refresh_token",
          refresh_token,
          client_id: t!.org.credentials.clientId,
          client_secret: t!.org.credentials.clientSecret,
        },
      })
    expect((await refresh()).status).toBe(200)
    const third = await refresh()
    expect(third.status).toBe(400)
    expect(await jsonOf(third)).toEqual(LOGIN_RATE)
    // Another user has an allowance of their own.
    expect((await jwtLogin(t)).status).toBe(200)
  })

  it("S-84 F-65 raising the limit on the settings page lets the user in again", async () => {
    t = await createTestOrg()
    set(t, { loginsPerUserPerHour: 1 })
    expect((await jwtLogin(t)).status).toBe(200)
    expect((await jwtLogin(t)).status).toBe(400)

    const b = new TestBrowser(t)
    const login = await (await b.get("/login")).text()
    await b.post("/login", {
      _csrf: csrfIn(login),
      startURL: "/emulator/settings",
      username: ADMIN,
      password: "admin1234",
    })
    const html = await (await b.get("/settings")).text()
    expect(html).toMatch(
      /<input type="number" id="loginsPerUserPerHour" name="loginsPerUserPerHour" min="1" max="1000000" step="1" value="1" required>/,
    )
    expect(html).toContain('id="authorizePerClientPerMinute"')
    expect(html).toContain('id="introspectPerClientPerMinute"')
    const form = {
      _csrf: csrfIn(html),
      appPolicy: "self-authorize",
      accessTokenMinutes: "120",
      // JWT Bearer needs the refresh_token scope on the app (F-50).
      appScopes: "refresh_token",
      preauthorized: /name="preauthorized" value="([^"]+)" checked/.exec(html)![1]!,
      loginsPerUserPerHour: "5",
      authorizePerClientPerMinute: "0",
      introspectPerClientPerMinute: "not a number",
    }
    expect((await b.post("/settings", form)).headers.get("location")).toBe(
      "/emulator/settings?done=saved",
    )
    // Out-of-range values keep the current setting.
    expect(getSettings(t.org.ctx.db)).toMatchObject({
      loginsPerUserPerHour: 5,
      authorizePerClientPerMinute: 1200,
      introspectPerClientPerMinute: 1200,
    })
    expect((await jwtLogin(t)).status).toBe(200)
  })

  it("S-84 F-66 the authorize endpoint answers rate_limit_exceeded on the client's callback past the per-app limit, never a 5xx", async () => {
    t = await createTestOrg()
    set(t, { authorizePerClientPerMinute: 2 })
    for (let i = 0; i < 2; i++) {
      const ok = await authorize(t)
      expect(ok.status).toBe(302)
      expect(ok.headers.get("location")).toContain("/login?")
    }
    const refused = await authorize(t)
    expect(refused.status).toBe(302)
    const back = new URL(refused.headers.get("location")!)
    expect(`${back.origin}${back.pathname}`).toBe(WEB_CALLBACK)
    expect(Object.fromEntries(back.searchParams)).toEqual({
      error: "rate_limit_exceeded",
      error_description: "number of logins exceeded",
      state: "s1",
    })
    // An unknown client is still refused on the org's own page, not counted.
    const unknown = await t.call("/services/oauth2/authorize?client_id=nope&redirect_uri=x")
    expect(unknown.status).toBe(400)
    t.clock.advance(61_000)
    expect((await authorize(t)).headers.get("location")).toContain("/login?")
  })

  it("S-84 F-67 introspection past the per-app limit is rate_limit_exceeded, so token guesses cannot be tested at will", async () => {
    t = await createTestOrg()
    set(t, { introspectPerClientPerMinute: 3 })
    for (let i = 0; i < 3; i++) {
      const res = await introspect(t, `guess-${i}`)
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ active: false })
    }
    const refused = await introspect(t, "guess-3")
    expect(refused.status).toBe(400)
    expect(await jsonOf(refused)).toEqual({
      error: "rate_limit_exceeded",
      error_description: "too many introspection requests: wait a minute",
    })
    // A caller that does not authenticate is refused as before, and counts nothing.
    const anonymous = await t.call("/services/oauth2/introspect", { form: { token: "x" } })
    expect(anonymous.status).toBe(401)
    t.clock.advance(61_000)
    expect((await introspect(t, "guess-4")).status).toBe(200)
  })

  it("S-84 SALESFORCE_LAB_RATE_LIMITS=off applies no limit (load tests and npm run bench), and says so on the settings page", async () => {
    t = await createTestOrg({ rateLimits: false })
    set(t, {
      loginsPerUserPerHour: 1,
      authorizePerClientPerMinute: 1,
      introspectPerClientPerMinute: 1,
    })
    for (let i = 0; i < 3; i++) {
      expect((await jwtLogin(t)).status).toBe(200)
      expect((await authorize(t)).headers.get("location")).toContain("/login?")
      expect((await introspect(t, "x")).status).toBe(200)
    }
    const b = new TestBrowser(t)
    const login = await (await b.get("/login")).text()
    await b.post("/login", {
      _csrf: csrfIn(login),
      startURL: "/emulator/settings",
      username: ADMIN,
      password: "admin1234",
    })
    expect(await (await b.get("/settings")).text()).toContain(
      "SALESFORCE_LAB_RATE_LIMITS=off: these limits are not applied.",
    )

    expect(parseConfig({}).rateLimits).toBe(true)
    expect(parseConfig({ SALESFORCE_LAB_RATE_LIMITS: "off" }).rateLimits).toBe(false)
    expect(parseConfig({ SALESFORCE_LAB_RATE_LIMITS: "ON" }).rateLimits).toBe(true)
    expect(() => parseConfig({ SALESFORCE_LAB_RATE_LIMITS: "0" })).toThrow(
      /SALESFORCE_LAB_RATE_LIMITS must be on or off/,
    )
  })

  it("S-84 the org's reset clears the rate-limit counts", async () => {
    t = await createTestOrg()
    set(t, { loginsPerUserPerHour: 1 })
    expect((await jwtLogin(t)).status).toBe(200)
    expect((await jwtLogin(t)).status).toBe(400)
    const { resetOrg } = await import("@/lib/emulator/store/reset")
    resetOrg(t.org.ctx.db)
    set(t, { loginsPerUserPerHour: 1 })
    expect((await jwtLogin(t)).status).toBe(200)
  })
})
