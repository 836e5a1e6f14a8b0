// Over 200 lines: one suite for the org's hygiene (expiry, pruning, length caps), its cases side by side.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { LENGTH_CAPS } from "@/lib/emulator/oauth/authorize-endpoint"
import { MAX_PENDING, PENDING_TTL_MS } from "@/lib/emulator/store/auth-requests"
import { CODE_TTL_MS } from "@/lib/emulator/store/codes"
import { EXPIRED_KEEP_MS, PRUNE_INTERVAL_MS, ROTATED_KEEP_MS } from "@/lib/emulator/store/prune"
import { SESSION_TTL_MS } from "@/lib/emulator/store/sessions"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

const rows = (table: string) =>
  (t.org.ctx.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n

const params = (extra: Record<string, string> = {}) => ({
  response_type: "code",
  client_id: t.org.credentials.clientId,
  redirect_uri: WEB_CALLBACK,
  state: "s1",
  ...extra,
})
const authorize = (q: Record<string, string>) =>
  t.call(`/services/oauth2/authorize?${new URLSearchParams(q)}`)
/** Any request lets the org prune when a prune is due; discovery parks nothing itself. */
const poke = () => t.call("/.well-known/openid-configuration")

/** The `request` id the login page will resume, from the redirect an unauthenticated authorize gets. */
function pendingIdOf(res: Response): string {
  const login = new URL(res.headers.get("location")!, t.base)
  const resume = new URL(login.searchParams.get("startURL")!, t.base)
  return resume.searchParams.get("request")!
}

async function tokens(scope = "api refresh_token", browser = new TestBrowser(t)) {
  const run = await runAuthorize(browser, t, params({ scope }))
  const code = callbackParams(run.location!).get("code")!
  const res = await redeem(code)
  expect(res.status).toBe(200)
  return { code, ...((await res.json()) as { access_token: string; refresh_token: string }) }
}

const redeem = (code: string) =>
  t.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code,
      client_id: t.org.credentials.clientId,
      client_secret: t.org.credentials.clientSecret,
      redirect_uri: WEB_CALLBACK,
    },
  })

const refresh = (token: string) =>
  t.call("/services/oauth2/token", {
    form: {
      grant_type: "refresh_token",
      refresh_token: token,
      client_id: t.org.credentials.clientId,
      client_secret: t.org.credentials.clientSecret,
    },
  })

describe("pending authorize requests", () => {
  it("F-57 10,000 unauthenticated authorize requests leave at most MAX_PENDING parked, and none once they expire", async () => {
    // The worst case: the authorize rate limit (F-66) switched out of the way, as the load tests
    // and the bench run it, so every request parks a row and the cap alone must hold.
    t.close()
    t = await createTestOrg({ rateLimits: false })
    expect(rows("auth_requests")).toBe(0)
    let first = ""
    let last = ""
    for (let i = 0; i < 10_000; i++) {
      const res = await authorize(params({ state: `flood-${i}` }))
      expect(res.status).toBe(302)
      if (i === 0) first = pendingIdOf(res)
      if (i === 9_999) last = pendingIdOf(res)
      // Within the lifetime the table never passes the cap.
      if (i % 1000 === 999) expect(rows("auth_requests")).toBeLessThanOrEqual(MAX_PENDING)
    }
    expect(MAX_PENDING).toBeLessThan(10_000)
    expect(rows("auth_requests")).toBe(MAX_PENDING)
    // The newest request still resumes to the login page; the oldest was dropped to make room.
    const resumeLast = await t.call(`/resume?request=${encodeURIComponent(last)}`)
    const resumeFirst = await t.call(`/resume?request=${encodeURIComponent(first)}`)
    expect(resumeLast.headers.get("location")).toContain("/login?")
    expect(resumeFirst.headers.get("location") ?? "").not.toContain("/login?")

    t.clock.advance(PENDING_TTL_MS + PRUNE_INTERVAL_MS)
    await poke()
    expect(rows("auth_requests")).toBe(0)
  }, 120_000)

  it("F-57 a parked request expires after 15 minutes and is pruned within a prune interval", async () => {
    const id = pendingIdOf(await authorize(params()))
    await poke()
    t.clock.advance(PENDING_TTL_MS - MINUTE)
    await poke()
    expect(rows("auth_requests")).toBe(1)
    expect((await t.call(`/resume?request=${id}`)).headers.get("location")).toContain("/login?")
    t.clock.advance(MINUTE + PRUNE_INTERVAL_MS)
    await poke()
    expect(rows("auth_requests")).toBe(0)
    expect((await t.call(`/resume?request=${id}`)).headers.get("location") ?? "").not.toContain(
      "/login?",
    )
  })

  it("F-57 a completed request leaves no row behind", async () => {
    await tokens()
    expect(rows("auth_requests")).toBe(0)
  })
})

describe("sessions, codes and access tokens", () => {
  it("F-58 the browser session is pruned when it expires; codes and access tokens a day after they expire", async () => {
    const browser = new TestBrowser(t)
    const { code, access_token } = await tokens("api", browser)
    expect([rows("sessions"), rows("codes"), rows("access_tokens")]).toEqual([1, 1, 1])

    t.clock.advance(SESSION_TTL_MS + PRUNE_INTERVAL_MS)
    await poke()
    // The session is gone: the same browser must log in again.
    expect(rows("sessions")).toBe(0)
    const again = await browser.get(`/services/oauth2/authorize?${new URLSearchParams(params())}`)
    expect(again.headers.get("location")).toContain("/login?")
    // The code is kept past its 15 minutes, so a replay is still told apart and still revokes.
    expect(CODE_TTL_MS).toBeLessThan(SESSION_TTL_MS)
    expect(rows("codes")).toBe(1)
    expect(await (await redeem(code)).json()).toMatchObject({
      error: "invalid_grant",
      error_description: "expired authorization code",
    })

    t.clock.advance(EXPIRED_KEEP_MS)
    await poke()
    expect([rows("codes"), rows("access_tokens")]).toEqual([0, 0])
    const userinfo = await t.call("/services/oauth2/userinfo", {
      headers: { authorization: `Bearer ${access_token}` },
    })
    expect(userinfo.status).toBe(403)
  })

  it("F-58 an access token in use is never pruned: each call extends it", async () => {
    const { access_token } = await tokens("api")
    // Three days of calls an hour apart, inside the two-hour timeout each time.
    for (let hour = 0; hour < 72; hour++) {
      t.clock.advance(60 * MINUTE)
      const res = await t.call("/services/oauth2/userinfo", {
        headers: { authorization: `Bearer ${access_token}` },
      })
      expect(res.status).toBe(200)
    }
    expect(rows("access_tokens")).toBe(1)
    t.clock.advance(SESSION_TTL_MS + EXPIRED_KEEP_MS)
    await poke()
    expect(rows("access_tokens")).toBe(0)
  })
})

describe("refresh tokens", () => {
  const rotation = (on: boolean) =>
    saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), refreshTokenRotation: on })

  it("F-59 a live refresh token is never pruned (valid until revoked); a revoked one is", async () => {
    const { refresh_token } = await tokens()
    t.clock.advance(400 * DAY)
    await poke()
    expect(rows("refresh_tokens")).toBe(1)
    expect((await refresh(refresh_token)).status).toBe(200)

    const revoke = await t.call("/services/oauth2/revoke", { form: { token: refresh_token } })
    expect(revoke.status).toBe(200)
    t.clock.advance(PRUNE_INTERVAL_MS)
    await poke()
    expect(rows("refresh_tokens")).toBe(0)
    // Pruned or merely revoked, the answer is the same.
    expect(await (await refresh(refresh_token)).json()).toEqual({
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
  })

  it("F-59 a rotated refresh token is kept 30 days for replay detection, then pruned", async () => {
    rotation(true)
    const first = await tokens()
    const second = (await (await refresh(first.refresh_token)).json()) as { refresh_token: string }
    expect(rows("refresh_tokens")).toBe(2)

    t.clock.advance(ROTATED_KEEP_MS - DAY)
    await poke()
    expect(rows("refresh_tokens")).toBe(2)

    t.clock.advance(DAY + PRUNE_INTERVAL_MS)
    await poke()
    expect(rows("refresh_tokens")).toBe(1)
    // Past it the old token is unknown: refused the same way, and the live one keeps working.
    expect((await refresh(first.refresh_token)).status).toBe(400)
    expect((await refresh(second.refresh_token)).status).toBe(200)
  })

  it("F-59 replaying a rotated token within the window revokes the family, which is then pruned", async () => {
    rotation(true)
    const first = await tokens()
    const second = (await (await refresh(first.refresh_token)).json()) as { refresh_token: string }
    t.clock.advance(DAY)
    expect((await refresh(first.refresh_token)).status).toBe(400)
    expect((await refresh(second.refresh_token)).status).toBe(400)
    t.clock.advance(PRUNE_INTERVAL_MS)
    await poke()
    expect(rows("refresh_tokens")).toBe(0)
  })
})

describe("authorize parameter length caps", () => {
  /** The error goes back to the client; `state` only when it is itself within its cap. */
  function expectTooLong(res: Response, name: string, state: string | null) {
    expect(res.status).toBe(302)
    const p = callbackParams(res.headers.get("location")!)
    expect(p.get("error")).toBe("invalid_request")
    expect(p.get("error_description")).toBe(`${name} is too long`)
    expect(p.get("state")).toBe(state)
  }

  it("F-60 state, nonce and login_hint past their caps are invalid_request, and nothing is parked", async () => {
    expect(LENGTH_CAPS).toEqual({ state: 2048, nonce: 255, login_hint: 80 })
    expectTooLong(await authorize(params({ state: "s".repeat(2049) })), "state", null)
    expectTooLong(await authorize(params({ nonce: "n".repeat(256) })), "nonce", "s1")
    expectTooLong(
      await authorize(params({ login_hint: `${"u".repeat(69)}@example.com` })),
      "login_hint",
      "s1",
    )
    expect(rows("auth_requests")).toBe(0)
  })

  it("F-60 values at the caps are accepted, and the state comes back whole", async () => {
    const state = "é&=+#/ ".repeat(292) + "x".repeat(4)
    expect(state.length).toBe(2048)
    const res = await authorize(
      params({ state, nonce: "n".repeat(255), login_hint: `${"u".repeat(68)}@example.com` }),
    )
    expect(res.headers.get("location")).toContain("/login?")
    const run = await runAuthorize(new TestBrowser(t), t, params({ state, nonce: "n".repeat(255) }))
    expect(callbackParams(run.location!).get("state")).toBe(state)
  })
})
