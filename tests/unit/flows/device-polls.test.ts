// Over 200 lines: the Device flow's polling cases (C-130, R-02) side by side, on one org.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
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

// The client's timer aborting a request, without waiting out its ten seconds: the site's
// back-channel fetch (lib/http/node-fetch.ts) fails the next call as that timer makes it fail.
const stall = vi.hoisted(() => ({ next: false }))
vi.mock("@/lib/http/node-fetch", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/http/node-fetch")>()
  return {
    nodeFetch: (limit: number): typeof fetch => {
      const send = real.nodeFetch(limit)
      return (input, init) => {
        if (!stall.next) return send(input, init)
        stall.next = false
        return Promise.reject(new DOMException("no answer within 10000 ms", "TimeoutError"))
      }
    },
  }
})

/**
 * How the site polls for the browser (docs/security.md, C-130, R-02): one call to the org per
 * interval whatever the browsers send, a slow or failing org is waited out with a longer interval
 * (RFC 8628 §3.5), and a page is told when its code was replaced in another tab.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startDeviceSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => resetDeviceSite(h))
afterEach(() => {
  vi.useRealTimers()
  vi.restoreAllMocks()
})

const flow = () => import("@/lib/flows/device")
const advance = (ms: number) => vi.setSystemTime(Date.now() + ms)
const setsFlowCookie = (cookies: string[]) =>
  cookies.some((c) => c.startsWith("sfl_device=") && !/Max-Age=0/i.test(c))
const touchesFlowCookie = (cookies: string[]) => cookies.some((c) => c.startsWith("sfl_device="))

/** *Start*: the browser's cookie jar and what the waiting page shows (with the page's flow id). */
async function start() {
  const { startDevice, deviceWaiting } = await flow()
  const r = await startDevice()
  expect(r.location).toBe("/flows/device")
  const jar = cookieHeader(r.cookies)
  const waiting = await deviceWaiting(jar)
  if (!waiting) throw new Error("no flow in progress")
  return { jar, waiting, cookies: r.cookies }
}

async function poll(jar: string, pageFlowId?: string) {
  const { pollDeviceFlow } = await flow()
  const p = await pollDeviceFlow(jar, pageFlowId)
  return { ...p, jar: withCookies(jar, p.cookies) }
}

/** The org's answer to the next token request waits for `release()`; later ones pass. */
function holdFirstTokenAnswer() {
  let release!: () => void
  const gate = new Promise<void>((r) => (release = r))
  let held = false
  h.fault = async (req, res) => {
    if (isTokenRequest(req) && !held) {
      held = true
      await gate
    }
    return res
  }
  return release
}

describe("polling the org for the browser", () => {
  it("C-130 three overlapping polls make one call to the org; the others are told when to ask", async () => {
    const { jar, waiting } = await start()
    h.reset()
    const { pollDeviceFlow } = await flow()
    const answers = await Promise.all([1, 2, 3].map(() => pollDeviceFlow(jar, waiting.flowId)))
    expect(h.tokenCalls()).toHaveLength(1)
    for (const a of answers) {
      expect(a).toMatchObject({ status: "pending", retryAfterS: 5 })
      expect(touchesFlowCookie(a.cookies)).toBe(false)
    }
  })

  it("C-130 a replayed Start cookie inside the interval does not reach the org", async () => {
    const { jar } = await start()
    h.reset()
    const first = await poll(jar)
    expect(first.status).toBe("pending")
    advance(1_000)
    // The cookie from Start, as an older tab or a replayed request would send it.
    const replayed = await poll(jar)
    expect(replayed).toMatchObject({ status: "pending", retryAfterS: 4 })
    expect(h.tokenCalls()).toHaveLength(1)
  })

  it("C-130 Check now while the page's poll waits on the org does not call the org again", async () => {
    const { jar, waiting } = await start()
    h.reset()
    const release = holdFirstTokenAnswer()
    const inFlight = poll(jar, waiting.flowId)
    await vi.waitFor(() => expect(h.tokenCalls()).toHaveLength(1))
    // Past the interval, the answer still outstanding.
    advance(6_000)
    const checkNow = await poll(jar, waiting.flowId)
    expect(checkNow.status).toBe("pending")
    release()
    expect((await inFlight).status).toBe("pending")
    expect(h.tokenCalls()).toHaveLength(1)
  })

  it("C-130 once the flow is done, a late pending answer sets no flow cookie", async () => {
    const { jar, waiting } = await start()
    h.reset()
    const release = holdFirstTokenAnswer()
    const late = poll(jar, waiting.flowId)
    await vi.waitFor(() => expect(h.tokenCalls()).toHaveLength(1))
    await answerDevice(await loggedInBrowser(h.t), waiting.userCode, "allow")
    // Long enough that the first poll is given up on: this one asks the org and signs in.
    advance(30_000)
    const done = await poll(jar, waiting.flowId)
    expect(done.status).toBe("done")
    expect((await sessionOf(done.cookies))?.flow).toBe("device")
    release()
    const pending = await late
    expect(pending.status).not.toBe("failed")
    expect(touchesFlowCookie(pending.cookies)).toBe(false)
    const jarAfter = withCookies(withCookies(jar, done.cookies), pending.cookies)
    expect(jarAfter).not.toContain("sfl_device=")
    // And a poll of the finished flow (a replayed cookie) neither calls the org nor sets the cookie.
    h.reset()
    const again = await poll(jar, waiting.flowId)
    expect(h.tokenCalls()).toHaveLength(0)
    expect(setsFlowCookie(again.cookies)).toBe(false)
  })

  it("C-130 slow_down lengthens the interval for the rest of the flow, whatever cookie comes next", async () => {
    const { jar, waiting } = await start()
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
    const slowed = await poll(jar, waiting.flowId)
    expect(slowed).toMatchObject({ status: "pending", retryAfterS: 10 })
    h.reset()
    advance(6_000)
    // The Start cookie again: the longer interval holds all the same.
    expect(await poll(jar, waiting.flowId)).toMatchObject({ status: "pending", retryAfterS: 4 })
    expect(h.tokenCalls()).toHaveLength(0)
    expect((await (await flow()).deviceWaiting(jar))?.intervalS).toBe(10)
  })
})

describe("a slow or failing org (RFC 8628 §3.5)", () => {
  it("C-130 a 503 page and a timeout keep the flow and back off (RFC 8628 §3.5); Allow then signs in", async () => {
    const { jar, waiting } = await start()
    let failNext = true
    h.fault = async (req, res) => {
      if (!isTokenRequest(req) || !failNext) return res
      failNext = false
      return new Response("<html><body>Service Unavailable</body></html>", {
        status: 503,
        headers: { "content-type": "text/html" },
      })
    }
    const blip = await poll(jar, waiting.flowId)
    expect(blip).toMatchObject({ status: "pending", retryAfterS: 10 })
    if (blip.status !== "pending") throw new Error("the flow ended")
    expect(blip.notice).toMatch(/HTTP 503.*trying again in 10 s/)
    expect(touchesFlowCookie(blip.cookies)).toBe(false)
    expect((await (await flow()).deviceWaiting(jar))?.notice).toMatch(/HTTP 503/)
    // Backed off: not sooner than the doubled interval.
    h.reset()
    advance(6_000)
    expect((await poll(jar, waiting.flowId)).status).toBe("pending")
    expect(h.tokenCalls()).toHaveLength(0)
    // The next poll gets no answer in time: what the client sees when its timer aborts the request.
    advance(4_000)
    stall.next = true
    const stalled = await poll(jar, waiting.flowId)
    expect(stalled).toMatchObject({ status: "pending", retryAfterS: 20 })
    if (stalled.status !== "pending") throw new Error("the flow ended")
    expect(stalled.notice).toMatch(/did not answer.*trying again in 20 s/)
    await answerDevice(await loggedInBrowser(h.t), waiting.userCode, "allow")
    advance(20_000)
    const done = await poll(jar, waiting.flowId)
    expect(done.status).toBe("done")
    expect((await sessionOf(done.cookies))?.user.username).toBe("demo@example.com")
  })
})

describe("two tabs (R-02)", () => {
  it("R-02 a page whose code was replaced by a newer Start is told so, and the newer flow goes on", async () => {
    const tab1 = await start()
    const tab2 = await start()
    const jar = withCookies(tab1.jar, tab2.cookies)
    await answerDevice(await loggedInBrowser(h.t), tab1.waiting.userCode, "allow")
    advance(6_000)
    h.reset()
    const old = await poll(jar, tab1.waiting.flowId)
    expect(old.status).toBe("failed")
    const failure = await failureOf(old.cookies)
    expect(failure).toMatchObject({ flow: "device", code: "STATE_MISMATCH" })
    expect(String(failure?.message)).toContain("replaced by a newer one started in another tab")
    expect(entryFor(failure!)?.id).toBe("device-code-replaced")
    // The cookie belongs to the newer flow: left alone, and the org was not asked.
    expect(touchesFlowCookie(old.cookies)).toBe(false)
    expect(h.tokenCalls()).toHaveLength(0)
    expect(await poll(jar, tab2.waiting.flowId)).toMatchObject({ status: "pending" })
  })

  it("R-02 the poll route reads the page's flow id from the form the page posts", async () => {
    const { POST } = await import("@/app/flows/device/poll/route")
    const tab1 = await start()
    const tab2 = await start()
    const jar = withCookies(tab1.jar, tab2.cookies)
    const res = await POST(
      new Request(`${h.site}/flows/device/poll`, {
        method: "POST",
        headers: {
          origin: h.site,
          accept: "application/json",
          cookie: jar,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ flow: tab1.waiting.flowId }).toString(),
      }),
    )
    expect(await res.json()).toEqual({ status: "failed", location: "/flows/error" })
    expect(touchesFlowCookie(res.headers.getSetCookie())).toBe(false)
  })
})

describe("large answers", () => {
  it("C-131 a device code, user code and verification URI at their maxima fit the browser's cookie limit", async () => {
    const uri = `${h.loginUrl}/setup/connect?x=`
    h.fault = async (req, res) =>
      isTokenRequest(req)
        ? rewriteJson(res, (b) => ({
            ...b,
            device_code: "D".repeat(1024),
            user_code: "U".repeat(64),
            verification_uri: uri + "a".repeat(2048 - uri.length),
          }))
        : res
    const { cookies, waiting, jar } = await start()
    for (const c of cookies) expect(new TextEncoder().encode(c).length).toBeLessThanOrEqual(4096)
    expect(waiting.userCode).toBe("U".repeat(64))
    expect(waiting.verificationUri).toHaveLength(2048)
    h.fault = undefined
    await poll(jar, waiting.flowId)
    const sent = new URLSearchParams(h.tokenCalls().at(-1)!.body)
    expect(sent.get("code")).toBe("D".repeat(1024))
  })
})
