// Over 200 lines: one suite for the site's Device flow (lib/flows/device.ts), its security cases side by side.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { setDeviceFlowEnabled } from "@/lib/emulator/store/device-settings"
import { entryFor } from "@/lib/explain/catalogue"
import { answerDevice, loggedInBrowser } from "../../_helpers/device"
import { resetDeviceSite, startDeviceSiteHarness } from "../../_helpers/device-site"
import {
  cookieHeader,
  failureOf,
  isTokenRequest,
  rewriteJson,
  sessionOf,
  withCookies,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The site playing the device: *Start* gets a device code and seals the flow into a cookie; each
 * browser poll asks the org at most once per interval; the tokens finish the sign-in as every
 * flow does; denial, expiry and a hostile org end on the explained error page.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startDeviceSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => resetDeviceSite(h))
afterEach(() => vi.useRealTimers())

const flow = () => import("@/lib/flows/device")
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms)

/** *Start*, then the browser's cookie jar and what the waiting page would show. */
async function start() {
  const { startDevice, deviceWaiting } = await flow()
  const r = await startDevice()
  expect(r.location).toBe("/flows/device")
  const jar = cookieHeader(r.cookies)
  const waiting = await deviceWaiting(jar)
  if (!waiting) throw new Error("no flow in progress")
  return { jar, waiting, cookies: r.cookies }
}

async function poll(jar: string) {
  const { pollDeviceFlow } = await flow()
  const p = await pollDeviceFlow(jar)
  return { ...p, jar: withCookies(jar, p.cookies) }
}

describe("the site's Device flow", () => {
  it("C-131 Start seals the flow into an HttpOnly cookie scoped to the flow, without the device code in clear", async () => {
    let deviceCode = ""
    h.fault = async (req, res) =>
      isTokenRequest(req)
        ? rewriteJson(res, (b) => {
            deviceCode = String(b.device_code)
            return b
          })
        : res
    const { cookies, waiting } = await start()
    expect(cookies).toHaveLength(1)
    expect(cookies[0]).toMatch(/^sfl_device=[^;]+; .*Path=\/flows\/device/)
    expect(cookies[0]).toMatch(/HttpOnly/i)
    expect(cookies[0]).toMatch(/SameSite=Lax/i)
    expect(deviceCode.length).toBeGreaterThan(20)
    expect(cookies[0]).not.toContain(deviceCode)
    expect(waiting.userCode).toMatch(/^[A-Z0-9]{8}$/)
    expect(waiting.verificationUri).toBe(`${h.loginUrl}/setup/connect`)
    expect(waiting.intervalS).toBe(5)
    // Only the consumer key travels: a device keeps no secret.
    const [request] = h.tokenCalls()
    expect(new URLSearchParams(request!.body).get("response_type")).toBe("device_code")
    expect(request!.body).not.toContain("client_secret")
  })

  it("C-130 asks the org at most once per interval, however often the browser polls", async () => {
    let { jar } = await start()
    h.reset()
    const first = await poll(jar)
    expect(first).toMatchObject({ status: "pending", retryAfterS: 5 })
    jar = first.jar
    for (let i = 0; i < 3; i++) {
      advance(1_000)
      const again = await poll(jar)
      expect(again.status).toBe("pending")
      expect(again.cookies).toEqual([])
    }
    expect(h.tokenCalls()).toHaveLength(1)
    advance(2_000)
    const later = await poll(jar)
    expect(later.status).toBe("pending")
    expect(h.tokenCalls()).toHaveLength(2)
    // The org never had to say slow_down.
    expect(h.log.every((r) => !r.body.includes("slow_down"))).toBe(true)
  })

  it("C-130 slow_down makes the site wait 5 seconds longer from then on", async () => {
    let { jar } = await start()
    h.fault = async (req, res) =>
      isTokenRequest(req)
        ? new Response(
            JSON.stringify({
              error: "slow_down",
              error_description: "polling too quickly for the token endpoint",
            }),
            { status: 400, headers: { "content-type": "application/json" } },
          )
        : res
    const slowed = await poll(jar)
    expect(slowed).toMatchObject({ status: "pending", retryAfterS: 10 })
    jar = slowed.jar
    h.reset()
    advance(6_000)
    expect((await poll(jar)).status).toBe("pending")
    expect(h.tokenCalls()).toHaveLength(0)
    expect((await (await flow()).deviceWaiting(jar))?.intervalS).toBe(10)
  })

  it("signs in once the person allows access: the session, then the inspector", async () => {
    const { jar, waiting } = await start()
    await answerDevice(await loggedInBrowser(h.t), waiting.userCode, "allow")
    const done = await poll(jar)
    expect(done.status).toBe("done")
    if (done.status === "pending") throw new Error("still pending")
    expect(done.location).toBe("/inspector")
    expect(done.cookies.some((c) => /^sfl_device=; .*Max-Age=0/.test(c))).toBe(true)
    const session = await sessionOf(done.cookies)
    expect(session?.flow).toBe("device")
    expect(session?.user.username).toBe("demo@example.com")
    expect(session?.tokens.refreshToken).toBeTruthy()
    // The poll carried the device code and the consumer key only.
    const pollBody = new URLSearchParams(h.tokenCalls().at(-1)!.body)
    expect(pollBody.get("grant_type")).toBe("device")
    expect(pollBody.has("client_secret")).toBe(false)
  })

  it("Deny ends on the error page, explained as a denied device", async () => {
    const { jar, waiting } = await start()
    await answerDevice(await loggedInBrowser(h.t), waiting.userCode, "deny")
    const denied = await poll(jar)
    expect(denied.status).toBe("failed")
    expect(await sessionOf(denied.cookies)).toBeUndefined()
    const failure = await failureOf(denied.cookies)
    expect(failure).toMatchObject({
      flow: "device",
      error: "access_denied",
      errorDescription: "end-user denied authorization",
    })
    expect(entryFor(failure!)?.id).toBe("device-access-denied")
  })

  it("an expired flow ends on the error page without asking the org", async () => {
    const { jar } = await start()
    h.reset()
    advance(10 * 60_000)
    const expired = await poll(jar)
    expect(expired.status).toBe("failed")
    const failure = await failureOf(expired.cookies)
    expect(failure).toMatchObject({ flow: "device", code: "DEVICE_CODE_EXPIRED" })
    expect(entryFor(failure!)?.id).toBe("device-code-expired")
    expect(h.tokenCalls()).toHaveLength(0)
  })

  it("a poll without the flow's cookie, or with a forged one, is FLOW_EXPIRED", async () => {
    for (const jar of ["", "sfl_device=forged.value.here"]) {
      const r = await poll(jar)
      expect(r.status).toBe("failed")
      expect(await failureOf(r.cookies)).toMatchObject({ flow: "device", code: "FLOW_EXPIRED" })
    }
    expect(h.tokenCalls()).toHaveLength(0)
  })

  it("C-132 refuses a verification URI off the org's domain: nobody is sent to enter a code elsewhere", async () => {
    h.fault = async (req, res) =>
      isTokenRequest(req)
        ? rewriteJson(res, (b) => ({
            ...b,
            verification_uri: "https://evil.example/setup/connect",
          }))
        : res
    const { startDevice } = await flow()
    const r = await startDevice()
    expect(r.location).toBe("/flows/error")
    expect(r.cookies.some((c) => c.startsWith("sfl_device="))).toBe(false)
    expect(await failureOf(r.cookies)).toMatchObject({ code: "UNTRUSTED_URL" })
  })

  it("F-141 an app without Enable for Device Flow is explained on the error page", async () => {
    setDeviceFlowEnabled(h.t.org.ctx.db, h.clientId, false)
    const { startDevice } = await flow()
    const r = await startDevice()
    const failure = await failureOf(r.cookies)
    expect(failure).toMatchObject({
      error: "invalid_grant",
      errorDescription: "device flow is not enabled for the app",
    })
    expect(entryFor(failure!)?.id).toBe("device-flow-not-enabled")
  })

  it("the poll route answers the page's script in JSON, and a form without script with a 303", async () => {
    const { POST } = await import("@/app/flows/device/poll/route")
    const { jar } = await start()
    const call = (accept: string, cookie: string) =>
      POST(
        new Request(`${h.site}/flows/device/poll`, {
          method: "POST",
          headers: { origin: h.site, accept, cookie },
        }),
      )
    const pending = await call("application/json", jar)
    expect(pending.status).toBe(200)
    expect(pending.headers.get("cache-control")).toBe("no-store")
    expect(await pending.json()).toEqual({ status: "pending", retryAfterS: 5 })
    const jarAfter = withCookies(jar, pending.headers.getSetCookie())
    const form = await call("text/html", jarAfter)
    expect(form.status).toBe(303)
    expect(form.headers.get("location")).toBe("/flows/device")
    const gone = await call("application/json", "")
    expect(await gone.json()).toEqual({ status: "failed", location: "/flows/error" })
    expect(gone.headers.getSetCookie().some((c) => c.startsWith("sfl_error="))).toBe(true)
  })
})
