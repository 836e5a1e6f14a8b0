// Over 200 lines: one scenario (load, SIGKILL, restart) whose steps share the same servers.
import path from "node:path"
import Database from "better-sqlite3"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { DEMO_USERS } from "@/lib/emulator/seed/records"
import { LOAD_USER_PASSWORD, loadUsers } from "@/lib/emulator/seed/load-users"
import {
  makeDurableState,
  saveSettings,
  settingsPage,
  type DurableState,
} from "./_helpers/durable-state"
import {
  inspectorHtml,
  jwtLogin,
  revealAccessToken,
  sessionUser,
  webServerFlow,
} from "./_helpers/flows"
import {
  concurrentLogins,
  loginFigures,
  mapLimit,
  waitUntil,
  type LoginOutcome,
} from "./_helpers/load"
import { OrgClient } from "./_helpers/org-client"
import { CookieJar } from "./_helpers/cookie-jar"
import {
  appCredentials,
  mb,
  requireBuild,
  Servers,
  sharedSecret,
  type RunningSite,
} from "./_helpers/servers"

// Load (issue 6 item 6, docs/security.md R-01) and crash/restart (item 7, R-06) on one server with
// 260 opt-in load users, so every concurrent login is a different user and a session handed to the
// wrong browser shows. The state checked after the SIGKILL is made before it, over HTTP.
const JWT_USERS = 200
const WEB_USERS = 50
const users = loadUsers(JWT_USERS + WEB_USERS + 10)
const jwtUsers = users.slice(0, JWT_USERS).map((u) => u.Username)
const webUsers = users
  .slice(JWT_USERS, JWT_USERS + WEB_USERS)
  .map((u) => ({ username: u.Username, password: LOAD_USER_PASSWORD }))
const notApproved = users.at(-1)!.Username
const admin = DEMO_USERS.find((u) => u.isAdmin)!
const demo = { username: "demo@example.com", password: "demo1234" }
/** The kill comes once this many logins of the second wave have finished: mid-wave, by construction. */
const KILL_AFTER = 40

const servers = new Servers()
let site: RunningSite
let org: OrgClient
let dataDir: string
let env: Record<string, string>
let state: DurableState
let firstWave: LoginOutcome[]
let survivors: LoginOutcome[]
let signedInBeforeKill: CookieJar

beforeAll(async () => {
  requireBuild()
  dataDir = servers.dataDir("load")
  // Rate limits off (README, SALESFORCE_LAB_RATE_LIMITS): this measures the server at load, and a
  // bigger wave would pass the authorize endpoint's per-app limit (docs/fidelity.md, F-66).
  env = {
    NEXTAUTH_SECRET: sharedSecret(),
    SALESFORCE_LAB_LOAD_USERS: String(users.length),
    SALESFORCE_LAB_RATE_LIMITS: "off",
  }
  site = await servers.start({ dataDir, env })
  org = new OrgClient(site.orgUrl!, site.url, appCredentials(dataDir))
  // Before any load: settings off their defaults, the JWT users pre-authorized, demo's approval
  // (through the site's Web Server flow), and tokens and a code in known states.
  await saveSettings(org, [admin.Id, ...users.slice(0, JWT_USERS).map((u) => u.Id)])
  await webServerFlow(new CookieJar(site.url), demo)
  state = await makeDurableState(org, demo)
  signedInBeforeKill = new CookieJar(site.url)
  await jwtLogin(signedInBeforeKill, demo.username)
})

afterAll(() => servers.stopAll())

/** Each session names the user who logged in, holds a token of its own, and the org says that token is that user's. */
async function expectOwnSessions(outcomes: LoginOutcome[]): Promise<void> {
  const seen = await mapLimit(outcomes, 16, async (o) => ({
    who: o.username,
    session: await sessionUser(o.jar),
    token: await revealAccessToken(o.jar),
  }))
  expect(seen.filter((s) => s.session !== s.who)).toEqual([])
  const tokens = seen.map((s) => s.token)
  expect(tokens.every((t) => typeof t === "string" && t.length > 20)).toBe(true)
  expect(new Set(tokens).size).toBe(outcomes.length)
  const owners = await mapLimit(seen, 16, async (s) => ({
    who: s.who,
    info: await org.introspect(s.token!),
  }))
  expect(owners.filter((o) => !o.info.active || o.info.username !== o.who)).toEqual([])
}

describe("load and crash against the embedded org", () => {
  it(`R-01 ${JWT_USERS} concurrent JWT Bearer logins and ${WEB_USERS} concurrent Web Server flows: zero errors, each session holds its own user`, async () => {
    const rss = await site.rss()
    const t0 = performance.now()
    firstWave = await concurrentLogins(site.url, jwtUsers, webUsers)
    const wall = performance.now() - t0
    console.log(
      [
        loginFigures(
          `R-01 ${JWT_USERS} JWT Bearer + ${WEB_USERS} Web Server flows at once`,
          firstWave,
          wall,
        ),
        loginFigures(
          "  JWT Bearer",
          firstWave.filter((o) => o.kind === "jwt"),
          wall,
        ),
        loginFigures(
          "  Web Server (start → authorize → login → consent → callback)",
          firstWave.filter((o) => o.kind === "web-server"),
          wall,
        ),
        `  server RSS ${mb(rss)} before, ${mb(await site.rss())} after`,
        ...firstWave
          .filter((o) => !o.ok)
          .slice(0, 10)
          .map((o) => `  failed: ${o.username}: ${o.error}`),
      ].join("\n"),
    )
    expect(firstWave.filter((o) => !o.ok).map((o) => `${o.username}: ${o.error}`)).toEqual([])
    expect(firstWave.filter((o) => o.kind === "web-server").every((o) => o.consent)).toBe(true)
    await expectOwnSessions(firstWave)
    // The inspector, server-rendered from each session, names that session's user.
    const pages = await mapLimit(
      firstWave.filter((o, i) => o.kind === "web-server" || i % 8 === 0),
      8,
      async (o) => ({ who: o.username, page: await inspectorHtml(o.jar) }),
    )
    expect(pages.filter((p) => p.page.status !== 200 || !p.page.html.includes(p.who))).toEqual([])
  })

  it("R-06 SIGKILL in the middle of a second wave of logins leaves databases that open cleanly", async () => {
    let finished = 0
    const wave = concurrentLogins(site.url, jwtUsers, webUsers, () => finished++)
    expect(await waitUntil(() => finished >= KILL_AFTER, 90_000)).toBe(true)
    const doneAtKill = finished
    const killed = await site.kill("SIGKILL")
    const outcomes = await wave
    survivors = outcomes.filter((o) => o.ok)
    console.log(
      `R-06 SIGKILL after ${doneAtKill} of ${outcomes.length} logins of the second wave had finished; ${outcomes.length - doneAtKill} were in flight; ${survivors.length} ok in all`,
    )
    expect(killed.signal).toBe("SIGKILL")
    expect(doneAtKill).toBeLessThan(outcomes.length)
    expect(survivors.length).toBeGreaterThan(0)
    for (const file of ["org.sqlite", "site.sqlite"]) {
      const db = new Database(path.join(dataDir, file))
      expect(db.pragma("integrity_check", { simple: true })).toBe("ok")
      db.close()
    }
    // The same ports for both: sessions hold the org's instance URL, as they would a real org's.
    const port = site.port
    const orgPort = Number(new URL(site.orgUrl!).port)
    site = await servers.start({ dataDir, env, port, orgPort })
    expect(site.port).toBe(port)
    expect(site.orgUrl).toBe(`http://127.0.0.1:${orgPort}`)
  })

  it("R-06 after the restart: settings, pre-authorizations and approvals are intact", async () => {
    const page = await settingsPage(org)
    expect(page.rotation).toBe(true)
    expect(page.minutes).toBe("240")
    expect(page.preauthorized.has(users[0]!.Id)).toBe(true)
    expect(page.preauthorized.has(users[JWT_USERS]!.Id)).toBe(false)
    expect(page.approvals).toContain(demo.username)
    // Behaviour, not just the page: a pre-authorized load user and the approved demo user sign in
    // with JWT Bearer; a user with neither is still refused.
    await jwtLogin(new CookieJar(site.url), users[0]!.Username)
    await jwtLogin(new CookieJar(site.url), demo.username)
    const refused = await new CookieJar(site.url).postForm("/flows/jwt-bearer/start", {
      username: notApproved,
    })
    expect(refused.headers.get("location")).toBe("/flows/error")
  })

  it("R-06 after the restart: sessions and live tokens work, revoked tokens stay revoked, used codes stay rejected", async () => {
    expect(await sessionUser(signedInBeforeKill)).toBe(demo.username)
    // Every login the server answered before it died is whole: session, token, owner.
    await expectOwnSessions(survivors)
    await expectOwnSessions(firstWave.filter((_, i) => i % 5 === 0))
    expect((await org.introspect(state.liveRefresh)).active).toBe(true)
    expect((await org.introspect(state.revokedRefresh)).active).toBe(false)
    expect((await org.introspect(state.revokedAccess)).active).toBe(false)
    const revoked = await org.refresh(state.revokedRefresh)
    expect(revoked.status).toBe(400)
    expect(((await revoked.json()) as { error: string }).error).toBe("invalid_grant")
    for (const code of [
      state.usedCode,
      firstWave.find((o) => o.kind === "web-server")!.callback!.searchParams.get("code")!,
    ]) {
      const replay = await org.redeem(code)
      expect(replay.status).toBe(400)
      expect(((await replay.json()) as { error: string }).error).toBe("invalid_grant")
    }
    // Rotation is on (a setting that survived): the live refresh token works once, and is replaced.
    const refreshed = await org.refresh(state.liveRefresh)
    expect(refreshed.status).toBe(200)
    const body = (await refreshed.json()) as { refresh_token?: string }
    expect(body.refresh_token).toBeTruthy()
    expect(body.refresh_token).not.toBe(state.liveRefresh)
  })
})
