// Over 200 lines: one suite for the org's Device flow, both steps and the verification page, whose cases share their helpers.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { verifyResponseSignature } from "@/lib/salesforce/verify"
import { DEVICE_CODE_TTL_MS } from "@/lib/emulator/store/device-codes"
import { setDeviceFlowEnabled } from "@/lib/emulator/store/device-settings"
import { pruneExpired } from "@/lib/emulator/store/prune"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import {
  countUserCodeAttempt,
  DEVICE_CODE_ATTEMPTS_PER_ORG,
} from "@/lib/emulator/oauth/rate-limits"
import { WRONG_USER_CODE } from "@/lib/emulator/pages/device-connect-page"
import { csrfIn, TestBrowser } from "../../_helpers/browser"
import {
  answerDevice,
  enterCode,
  loggedInBrowser,
  pollDevice,
  requestDeviceCode,
} from "../../_helpers/device"
import { basic, createTestOrg, jsonOf, registerOtherApp, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

const PENDING = { error: "authorization_pending", error_description: "authorization pending" }
const SLOW_DOWN = {
  error: "slow_down",
  error_description: "polling too quickly for the token endpoint",
}
const EXCHANGE_FAILED = { error: "invalid_grant", error_description: "token exchange failed" }
const DISABLED = {
  error: "invalid_grant",
  error_description: "device flow is not enabled for the app",
}

async function expectError(res: Response, body: { error: string; error_description: string }) {
  expect(res.status).toBe(400)
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await res.json()).toEqual(body)
}

async function newDeviceCode(extra: Record<string, string> = {}) {
  const res = await requestDeviceCode(t, extra)
  expect(res.status).toBe(200)
  return (await res.json()) as {
    device_code: string
    user_code: string
    verification_uri: string
    interval: number
  }
}

describe("the device code request (response_type=device_code)", () => {
  it("F-140 F-143 answers device_code, user_code, verification_uri and interval, and nothing else", async () => {
    const res = await requestDeviceCode(t, { scope: "api refresh_token" })
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    const body = await jsonOf(res)
    expect(Object.keys(body).sort()).toEqual([
      "device_code",
      "interval",
      "user_code",
      "verification_uri",
    ])
    expect(body.user_code).toMatch(/^[A-Z0-9]{8}$/)
    expect(String(body.device_code).length).toBeGreaterThanOrEqual(40)
    expect(body.verification_uri).toBe("http://org.test/setup/connect")
    expect(body.interval).toBe(5)
  })

  it("F-140 names the verification page on the host the device asked", async () => {
    const res = await requestDeviceCode(t, {}, "http://login.org.test/services/oauth2/token")
    expect((await jsonOf(res)).verification_uri).toBe("http://login.org.test/setup/connect")
  })

  it("F-141 refuses an app whose Enable for Device Flow is off, at both steps", async () => {
    const { device_code } = await newDeviceCode()
    setDeviceFlowEnabled(t.org.ctx.db, t.org.credentials.clientId, false)
    await expectError(await requestDeviceCode(t), DISABLED)
    await expectError(await pollDevice(t, device_code), DISABLED)
  })

  it("refuses an unknown consumer key, a wrong secret and a scope the app lacks", async () => {
    await expectError(await requestDeviceCode(t, { client_id: "3MVG9nobody" }), {
      error: "invalid_client_id",
      error_description: "client identifier invalid",
    })
    await expectError(await requestDeviceCode(t, { client_secret: "wrong" }), {
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
    await expectError(await requestDeviceCode(t, { scope: "api full" }), {
      error: "invalid_scope",
      error_description: "the requested scope is not allowed",
    })
  })

  it("each request gets its own codes", async () => {
    const a = await newDeviceCode()
    const b = await newDeviceCode()
    expect(a.device_code).not.toBe(b.device_code)
    expect(a.user_code).not.toBe(b.user_code)
  })
})

describe("F-151 multipart/form-data, as the Salesforce CLI posts the Device flow", () => {
  const multipart = (fields: Record<string, string | Blob>) => {
    const body = new FormData()
    for (const [k, v] of Object.entries(fields)) body.append(k, v)
    return t.call("/services/oauth2/token", { method: "POST", body })
  }

  it("F-151 both steps accept multipart/form-data", async () => {
    const start = await multipart({
      client_id: t.org.credentials.clientId,
      response_type: "device_code",
      scope: "refresh_token web api",
    })
    expect(start.status).toBe(200)
    const { device_code } = (await start.json()) as { device_code: string }
    await expectError(
      await multipart({
        client_id: t.org.credentials.clientId,
        grant_type: "device",
        code: device_code,
      }),
      PENDING,
    )
  })

  it("F-151 a file part or a repeated field is refused", async () => {
    await expectError(
      await multipart({
        client_id: t.org.credentials.clientId,
        response_type: "device_code",
        scope: new Blob(["api"]),
      }),
      { error: "invalid_request", error_description: "request body must not carry files" },
    )
    const body = new FormData()
    body.append("client_id", t.org.credentials.clientId)
    body.append("response_type", "device_code")
    body.append("response_type", "device_code")
    await expectError(await t.call("/services/oauth2/token", { method: "POST", body }), {
      error: "invalid_request",
      error_description: "duplicate parameter: response_type",
    })
  })
})

describe("polling (grant_type=device)", () => {
  it("F-145 answers authorization_pending until the person decides", async () => {
    const { device_code } = await newDeviceCode()
    await expectError(await pollDevice(t, device_code), PENDING)
    t.clock.advance(5_000)
    await expectError(await pollDevice(t, device_code), PENDING)
  })

  it("S-221 F-145 F-150 a poll sooner than interval gets slow_down", async () => {
    const { device_code, interval } = await newDeviceCode()
    await expectError(await pollDevice(t, device_code), PENDING)
    t.clock.advance(interval * 1000 - 1)
    await expectError(await pollDevice(t, device_code), SLOW_DOWN)
    // Measured from the last poll, the too-fast one included.
    t.clock.advance(interval * 1000)
    await expectError(await pollDevice(t, device_code), PENDING)
  })

  it("F-145 F-149 issues tokens once the person allows, exactly once", async () => {
    const { device_code, user_code } = await newDeviceCode({ scope: "api refresh_token id" })
    const b = await loggedInBrowser(t)
    const done = await answerDevice(b, user_code, "allow")
    expect(done.status).toBe(200)
    expect(await done.text()).toContain("You're connected")
    const res = await pollDevice(t, device_code)
    expect(res.status).toBe(200)
    const body = await jsonOf(res)
    expect(Object.keys(body)).toEqual([
      "access_token",
      "refresh_token",
      "signature",
      "scope",
      "instance_url",
      "id",
      "token_type",
      "issued_at",
    ])
    expect(body.scope).toBe("api refresh_token id")
    expect(body.instance_url).toBe("http://org.test")
    expect(
      verifyResponseSignature(
        String(body.id),
        String(body.issued_at),
        String(body.signature),
        t.org.credentials.clientSecret,
      ),
    ).toBe(true)
    t.clock.advance(5_000)
    await expectError(await pollDevice(t, device_code), EXCHANGE_FAILED)
  })

  it("F-145 answers access_denied after Deny", async () => {
    const { device_code, user_code } = await newDeviceCode()
    const b = await loggedInBrowser(t)
    const done = await answerDevice(b, user_code, "deny")
    expect(await done.text()).toContain("Access denied")
    await expectError(await pollDevice(t, device_code), {
      error: "access_denied",
      error_description: "end-user denied authorization",
    })
  })

  it("F-142 F-145 an expired device code is refused at the token endpoint and on the page", async () => {
    const { device_code, user_code } = await newDeviceCode()
    t.clock.advance(DEVICE_CODE_TTL_MS)
    await expectError(await pollDevice(t, device_code), {
      error: "invalid_grant",
      error_description: "expired authorization code",
    })
    const b = await loggedInBrowser(t)
    const page = await enterCode(b, user_code)
    expect(page.status).toBe(400)
    expect(await page.text()).toContain(WRONG_USER_CODE)
  })

  it("F-145 an unknown code, and another app's code, get token exchange failed", async () => {
    await expectError(await pollDevice(t, "not-a-device-code"), EXCHANGE_FAILED)
    const other = await registerOtherApp(t)
    const res = await t.call("/services/oauth2/token", {
      form: { response_type: "device_code", client_id: other.clientId },
    })
    const { device_code } = (await res.json()) as { device_code: string }
    await expectError(await pollDevice(t, device_code), EXCHANGE_FAILED)
    await expectError(await pollDevice(t, ""), {
      error: "invalid_request",
      error_description: "code must be provided",
    })
  })

  it("checks a secret the client sends (HTTP Basic too)", async () => {
    const { device_code } = await newDeviceCode()
    const res = await t.call("/services/oauth2/token", {
      form: { grant_type: "device", code: device_code },
      headers: { authorization: basic(t.org.credentials.clientId, "wrong") },
    })
    await expectError(res, {
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
  })
})

describe("the verification page (/setup/connect)", () => {
  it("F-144 sends a visitor without a session to log in first, then back", async () => {
    const b = new TestBrowser(t)
    const res = await b.get("/setup/connect")
    expect(res.status).toBe(302)
    const location = new URL(res.headers.get("location")!, t.base)
    expect(location.pathname).toBe("/login")
    expect(location.searchParams.get("startURL")).toBe("/setup/connect")
  })

  it("F-146 a wrong code gets the form again with the error", async () => {
    await newDeviceCode()
    const b = await loggedInBrowser(t)
    const page = await enterCode(b, "BBBBBBBB")
    expect(page.status).toBe(400)
    const html = await page.text()
    expect(html).toContain(WRONG_USER_CODE)
    expect(html).toContain('role="alert"')
  })

  it("F-144 accepts the code typed in lower case with a dash", async () => {
    const { user_code } = await newDeviceCode()
    const b = await loggedInBrowser(t)
    const page = await enterCode(b, `${user_code.slice(0, 4)}-${user_code.slice(4)}`.toLowerCase())
    expect(await page.text()).toContain("Allow Access?")
  })

  it("refuses a form without the page's CSRF token", async () => {
    const { user_code } = await newDeviceCode()
    const b = await loggedInBrowser(t)
    const res = await b.post("/setup/connect", { _csrf: "forged", user_code })
    expect(res.status).toBe(403)
  })

  it("S-220 F-147 guessing user codes is rate limited per browser session", async () => {
    const { user_code } = await newDeviceCode()
    const b = await loggedInBrowser(t)
    for (let i = 0; i < 10; i++) expect((await enterCode(b, "BBBBBBBB")).status).toBe(400)
    // The allowance is spent: even the right code is refused now.
    const blocked = await enterCode(b, user_code)
    expect(blocked.status).toBe(429)
    expect(await blocked.text()).toContain("Too many attempts")
    // A decision post is an attempt too: it cannot be used to go on guessing.
    const form = await (await b.get("/setup/connect")).text()
    const decision = await b.post("/setup/connect/decision", {
      _csrf: csrfIn(form),
      user_code,
      decision: "allow",
    })
    expect(decision.status).toBe(429)
    // The window slides: 15 minutes later the session may try again (with a fresh code).
    t.clock.advance(15 * 60_000)
    const fresh = await newDeviceCode()
    expect(await (await enterCode(b, fresh.user_code)).text()).toContain("Allow Access?")
  })

  it("S-220 F-147 the user's allowance holds across new sessions, and the org's across users", async () => {
    const { user_code } = await newDeviceCode()
    for (let s = 0; s < 2; s++) {
      const b = await loggedInBrowser(t)
      for (let i = 0; i < 5; i++) await enterCode(b, "BBBBBBBB")
    }
    expect((await enterCode(await loggedInBrowser(t), user_code)).status).toBe(429)
    // The admin is not blocked by the demo user's guesses.
    const admin = await loggedInBrowser(t, { username: "admin@example.com", password: "admin1234" })
    expect((await enterCode(admin, user_code)).status).toBe(200)
  })

  it("S-220 F-147 the whole org's attempts are capped per minute, whoever makes them", () => {
    const ctx = t.org.ctx
    for (let i = 0; i < DEVICE_CODE_ATTEMPTS_PER_ORG; i++)
      expect(countUserCodeAttempt(ctx, { session: `s${i}`, userId: `u${i}` })).toBe(true)
    expect(countUserCodeAttempt(ctx, { session: "fresh", userId: "fresh" })).toBe(false)
    t.clock.advance(60_000)
    expect(countUserCodeAttempt(ctx, { session: "fresh", userId: "fresh" })).toBe(true)
  })

  it("F-144 the app's Permitted Users policy applies to Allow", async () => {
    const { device_code, user_code } = await newDeviceCode()
    saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), appPolicy: "admin-approved" })
    const b = await loggedInBrowser(t)
    const res = await answerDevice(b, user_code, "allow")
    expect(res.status).toBe(403)
    expect(await res.text()).toContain("user is not admin approved to access this app")
    await expectError(await pollDevice(t, device_code), PENDING)
  })

  it("F-148 device codes are pruned a day after they expire", async () => {
    await newDeviceCode()
    const count = () =>
      (t.org.ctx.db.prepare("SELECT COUNT(*) AS n FROM device_codes").get() as { n: number }).n
    expect(count()).toBe(1)
    pruneExpired(t.org.ctx.db, t.clock.now() + DEVICE_CODE_TTL_MS)
    expect(count()).toBe(1)
    pruneExpired(t.org.ctx.db, t.clock.now() + DEVICE_CODE_TTL_MS + 24 * 60 * 60 * 1000)
    expect(count()).toBe(0)
  })
})
