import { afterEach, describe, expect, it } from "vitest"
import { LOGIN_LOCKED } from "@/lib/emulator/pages/login-page"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { csrfIn, TestBrowser } from "../../_helpers/browser"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

let t: TestOrg | undefined
let other: TestOrg | undefined
afterEach(() => {
  other?.close()
  t?.close()
  other = t = undefined
})

const DEMO = { username: "demo@example.com", password: "demo1234" }

/** One login on the org's login page, as a browser posts it. */
async function login(org: TestOrg, username: string, password: string) {
  const b = new TestBrowser(org)
  const html = await (await b.get("/login")).text()
  const res = await b.post("/login", {
    _csrf: csrfIn(html),
    startURL: "/emulator/",
    username,
    password,
  })
  return {
    status: res.status,
    html: res.status === 303 ? "" : await res.text(),
    loggedIn: b.hasSession(),
  }
}

async function adminSettings(org: TestOrg) {
  const b = new TestBrowser(org)
  const html = await (await b.get("/login")).text()
  await b.post("/login", {
    _csrf: csrfIn(html),
    startURL: "/emulator/settings",
    username: "admin@example.com",
    password: "admin1234",
  })
  const page = await b.get("/settings")
  expect(page.status).toBe(200)
  return { b, html: await page.text() }
}

const lockOut = async (org: TestOrg) => {
  for (let i = 0; i < 9; i++) expect((await login(org, DEMO.username, "wrong")).status).toBe(401)
  return login(org, DEMO.username, "wrong")
}

describe("login lockout", () => {
  it("F-63 F-64 ten wrong passwords lock the user out: the right password is refused with the locked-out text until an admin unlocks", async () => {
    t = await createTestOrg()
    expect(getSettings(t.org.ctx.db)).toMatchObject({ maxLoginAttempts: 10, lockoutMinutes: 15 })
    const tenth = await lockOut(t)
    expect(tenth.status).toBe(403)
    expect(tenth.html).toContain(LOGIN_LOCKED.slice(0, 40))

    const right = await login(t, DEMO.username, DEMO.password)
    expect(right.status).toBe(403)
    expect(right.loggedIn).toBe(false)
    expect(right.html).toContain("Your account is locked after too many failed login attempts.")
    // Another user is not affected.
    expect((await login(t, "admin@example.com", "admin1234")).status).toBe(303)

    const { b, html } = await adminSettings(t)
    expect(html).toContain("<h2>Locked-out users</h2>")
    expect(html).toContain('aria-label="Unlock demo@example.com"')
    const userId = /name="user" value="([^"]+)"/.exec(html)![1]!
    const forged = await b.post("/settings/users/unlock", { user: userId })
    expect(forged.status).toBe(403)
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(403)

    const unlocked = await b.post("/settings/users/unlock", { _csrf: csrfIn(html), user: userId })
    expect(unlocked.headers.get("location")).toBe("/emulator/settings?done=unlocked")
    expect(await (await b.get("/settings")).text()).toContain("No user is locked out.")
    const after = await login(t, DEMO.username, DEMO.password)
    expect(after.status).toBe(303)
    expect(after.loggedIn).toBe(true)
  })

  it("F-63 the lock ends when the lockout effective period elapses, and the count starts again", async () => {
    t = await createTestOrg()
    await lockOut(t)
    t.clock.advance(14 * 60_000)
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(403)
    t.clock.advance(60_000)
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(303)
    // The successful login reset the count: nine more failures do not lock.
    for (let i = 0; i < 9; i++) await login(t, DEMO.username, "wrong")
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(303)
  })

  it("F-63 a right password before the limit resets the count", async () => {
    t = await createTestOrg()
    for (let i = 0; i < 9; i++) await login(t, DEMO.username, "wrong")
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(303)
    expect((await login(t, DEMO.username, "wrong")).status).toBe(401)
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(303)
  })

  it("F-63 follows the password policy settings: 3 attempts, locked until an admin unlocks", async () => {
    t = await createTestOrg()
    const { b, html } = await adminSettings(t)
    expect(html).toMatch(/<select id="maxLoginAttempts" name="maxLoginAttempts">/)
    expect(html).toContain('<option value="10" selected>10</option>')
    expect(html).toContain('<option value="15" selected>15 minutes</option>')
    const saved = await b.post("/settings", {
      _csrf: csrfIn(html),
      appPolicy: "self-authorize",
      accessTokenMinutes: "120",
      appScopes: "api",
      maxLoginAttempts: "3",
      lockoutMinutes: "0",
    })
    expect(saved.headers.get("location")).toBe("/emulator/settings?done=saved")
    expect(getSettings(t.org.ctx.db)).toMatchObject({ maxLoginAttempts: 3, lockoutMinutes: 0 })
    for (let i = 0; i < 2; i++) await login(t, DEMO.username, "wrong")
    expect((await login(t, DEMO.username, "wrong")).status).toBe(403)
    expect(await (await b.get("/settings")).text()).toContain("until unlocked")
    t.clock.advance(30 * 86_400_000)
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(403)
  })

  it("F-63 two processes sharing the data folder agree on the count and the lock", async () => {
    t = await createTestOrg()
    other = await createTestOrg({ dataDir: t.dataDir, now: t.clock.now })
    for (let i = 0; i < 5; i++) await login(t, DEMO.username, "wrong")
    for (let i = 0; i < 4; i++) await login(other, DEMO.username, "wrong")
    expect((await login(t, DEMO.username, "wrong")).status).toBe(403)
    expect((await login(other, DEMO.username, DEMO.password)).status).toBe(403)
  })

  it("F-64 a locked user keeps an existing session, and JWT Bearer (no password) is not refused", async () => {
    t = await createTestOrg()
    const b = new TestBrowser(t)
    const html = await (await b.get("/login")).text()
    await b.post("/login", {
      _csrf: csrfIn(html),
      startURL: "/emulator/",
      username: "admin@example.com",
      password: "admin1234",
    })
    for (let i = 0; i < 10; i++) await login(t, "admin@example.com", "wrong")
    expect((await login(t, "admin@example.com", "admin1234")).status).toBe(403)
    const home = await b.get("/")
    expect(await home.text()).toContain("admin@example.com")
    const assertion = await signAssertion(
      t.org.credentials.privateKeyPem,
      standardClaims(t.org.credentials.clientId, t.base, "admin@example.com", t.clock.now()),
    )
    const jwt = await t.call("/services/oauth2/token", {
      form: { grant_type: JWT_GRANT, assertion },
    })
    expect(jwt.status).toBe(200)
  })

  it("F-63 no limit: with Maximum invalid login attempts set to No limit, nothing locks", async () => {
    t = await createTestOrg()
    saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), maxLoginAttempts: 0 })
    for (let i = 0; i < 25; i++) expect((await login(t, DEMO.username, "x")).status).toBe(401)
    expect((await login(t, DEMO.username, DEMO.password)).status).toBe(303)
  })
})
