import { afterEach, describe, expect, it } from "vitest"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg | undefined
afterEach(() => t?.close())

const authorize = (clientId: string) => ({
  response_type: "code",
  client_id: clientId,
  redirect_uri: WEB_CALLBACK,
  state: "s",
})

/** Every Set-Cookie the org sent while a person logged in and consented. */
async function cookiesOfALogin(baseUrl: string) {
  t = await createTestOrg({ baseUrl })
  const seen: string[] = []
  const b = new TestBrowser(t)
  const call = t.call
  t.call = async (...args) => {
    const res = await call(...args)
    seen.push(...res.headers.getSetCookie())
    return res
  }
  const run = await runAuthorize(b, t, authorize(t.org.credentials.clientId))
  expect(callbackParams(run.location!).get("code")).toBeTruthy()
  expect(b.hasSession()).toBe(true)
  return seen
}

describe("the org's cookies (C-56, S-13 for the org's own pages)", () => {
  it("on https: the __Secure- prefix, Secure, HttpOnly, SameSite, scoped to the org's path, no Domain", async () => {
    const cookies = await cookiesOfALogin("https://org.test/emulator")
    expect(cookies.length).toBeGreaterThanOrEqual(2)
    for (const c of cookies) {
      expect(c).toMatch(/^__Secure-(sid|org_csrf)=/)
      expect(c).toMatch(/; Secure(;|$)/)
      expect(c).toMatch(/; HttpOnly(;|$)/)
      expect(c).toMatch(/; SameSite=(Lax|Strict)(;|$)/)
      expect(c).toContain("; Path=/emulator")
      expect(c).not.toMatch(/domain=/i)
    }
  })

  it("on loopback http (development): plain names, without Secure, which the browser would drop", async () => {
    const cookies = await cookiesOfALogin("http://127.0.0.1:3000/emulator")
    for (const c of cookies) {
      expect(c).toMatch(/^(sid|org_csrf)=/)
      expect(c).not.toContain("Secure")
      expect(c).toMatch(/; HttpOnly(;|$)/)
    }
  })

  it("on https the session counts only under its prefixed name, not as a plain `sid` a http page could plant", async () => {
    const cookies = await cookiesOfALogin("https://org.test/emulator")
    const sid = cookies.map((c) => /^__Secure-sid=([^;]+)/.exec(c)?.[1]).find(Boolean)!
    expect(sid).toBeTruthy()
    const again = (cookie: string) =>
      t!.call(
        `/services/oauth2/authorize?${new URLSearchParams(authorize(t!.org.credentials.clientId))}`,
        { headers: { cookie } },
      )
    // The control: the prefixed cookie is a live session (the approval is remembered, so a code comes back).
    expect((await again(`__Secure-sid=${sid}`)).headers.get("location")).toContain(
      `${WEB_CALLBACK}?code=`,
    )
    expect((await again(`sid=${sid}`)).headers.get("location")).toContain("/login")
  })
})
