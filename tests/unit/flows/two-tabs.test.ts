import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  failureOf,
  sessionOf,
  startSiteHarness,
  userAgentFragment,
  webServerCallback,
  withCookies,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * one browser, two tabs, two sign-ins. The flow cookie holds only the newer flow, so the older
 * tab's callback loses; it must not take the newer flow down with it (docs/security.md, R-02). A
 * callback whose state is not the flow's, forged or stale, ends nothing but itself.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const cleared = (cookies: string[], name: string) =>
  cookies.some((c) => c.startsWith(`${name}=;`) && /Max-Age=0/i.test(c))

describe("R-02 two tabs sign in with the same flow", () => {
  it("R-02 Web Server flow: the older tab's callback fails with STATE_MISMATCH and the newer tab still signs in", async () => {
    const { finishWebServer } = await import("@/lib/flows/web-server")
    const a = await webServerCallback(h)
    const b = await webServerCallback(h) // its cookie replaced A's
    let jar = b.cookie
    const ra = await finishWebServer(a.callback, jar)
    expect(ra.location).toBe("/flows/error")
    expect(await failureOf(ra.cookies)).toMatchObject({ code: "STATE_MISMATCH" })
    expect(await sessionOf(ra.cookies)).toBeUndefined()
    jar = withCookies(jar, ra.cookies)
    const rb = await finishWebServer(b.callback, jar)
    expect(await failureOf(rb.cookies)).toBeUndefined()
    expect(rb.location).toBe("/inspector")
    expect((await sessionOf(rb.cookies))?.flow).toBe("web-server")
    expect(cleared(ra.cookies, "sfl_web_server")).toBe(false)
    // The winner consumed the flow: its cookie goes now.
    expect(cleared(rb.cookies, "sfl_web_server")).toBe(true)
  })

  it("R-02 Web Server flow: a cross-site callback with a forged, missing or doubled state leaves the login in progress alone", async () => {
    const { finishWebServer } = await import("@/lib/flows/web-server")
    const b = await webServerCallback(h)
    for (const q of ["state=x&code=y", "code=y", `state=x&state=x&code=y`]) {
      const r = await finishWebServer(new URL(`${h.site}/flows/web-server/callback?${q}`), b.cookie)
      expect(r.location).toBe("/flows/error")
      expect(cleared(r.cookies, "sfl_web_server")).toBe(false)
    }
    expect(h.tokenCalls()).toHaveLength(0)
    const rb = await finishWebServer(b.callback, b.cookie)
    expect(rb.location).toBe("/inspector")
  })

  it("R-02 Web Server flow: an expired or unreadable flow cookie is still cleared", async () => {
    const { finishWebServer } = await import("@/lib/flows/web-server")
    const r = await finishWebServer(
      new URL(`${h.site}/flows/web-server/callback?state=x&code=y`),
      "sfl_web_server=garbage",
    )
    expect(await failureOf(r.cookies)).toMatchObject({ code: "FLOW_EXPIRED" })
    expect(cleared(r.cookies, "sfl_web_server")).toBe(true)
  })

  it("R-02 User-Agent flow: the older tab's fragment fails with STATE_MISMATCH and the newer tab still signs in", async () => {
    const { completeUserAgent } = await import("@/lib/flows/user-agent")
    const a = await userAgentFragment(h)
    const b = await userAgentFragment(h)
    let jar = b.cookie
    const ra = await completeUserAgent(a.fragment, jar)
    expect(ra.location).toBe("/flows/error")
    expect(await failureOf(ra.cookies)).toMatchObject({ code: "STATE_MISMATCH" })
    jar = withCookies(jar, ra.cookies)
    const noState = await completeUserAgent({ ...b.fragment, state: "" }, jar)
    expect(await failureOf(noState.cookies)).toMatchObject({ code: "STATE_MISSING" })
    jar = withCookies(jar, noState.cookies)
    const rb = await completeUserAgent(b.fragment, jar)
    expect(await failureOf(rb.cookies)).toBeUndefined()
    expect(rb.location).toBe("/inspector")
    expect(cleared(ra.cookies, "sfl_user_agent")).toBe(false)
    expect(cleared(noState.cookies, "sfl_user_agent")).toBe(false)
    expect((await sessionOf(rb.cookies))?.flow).toBe("user-agent")
    expect(cleared(rb.cookies, "sfl_user_agent")).toBe(true)
  })
})
