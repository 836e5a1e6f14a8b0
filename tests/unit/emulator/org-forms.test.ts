import crypto from "node:crypto"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { csrfIn, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"
import { RawBrowser as Raw } from "../../_helpers/raw-browser"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const ORIGIN = "http://org.test"
const login = { username: "demo@example.com", password: "demo1234" }
const admin = { username: "admin@example.com", password: "admin1234" }
/** A cookie jar on this test's org whose requests carry the headers each test gives. */
class RawBrowser extends Raw {
  constructor() {
    super(t)
  }
}

describe("S-13 the org's page forms must come from its own origin", () => {
  it("F-62 S-13 a login, consent, settings or logout post with a foreign Origin is refused with 403", async () => {
    const b = new RawBrowser()
    const csrf = csrfIn(await (await b.send("/login")).text())
    const foreign = { origin: "http://evil.test" }
    const refused = await b.send("/login", {
      form: { _csrf: csrf, startURL: "/emulator/", ...login },
      headers: foreign,
    })
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain("Page expired")
    expect(refused.headers.getSetCookie().join()).not.toContain("sid=")

    const a = new RawBrowser()
    await a.logIn(admin)
    const settings = await a.send("/settings")
    expect(settings.status).toBe(200)
    const token = csrfIn(await settings.text())
    for (const path of [
      "/settings",
      "/settings/reset",
      "/settings/approvals/revoke",
      "/settings/users/unlock",
      "/settings/users",
      "/settings/policies",
      "/settings/eca-import",
      "/consent",
      "/secur/logout.jsp",
      "/setup/connect",
      "/setup/connect/decision",
    ]) {
      const res = await a.send(path, { form: { _csrf: token, request: "x" }, headers: foreign })
      expect(res.status, path).toBe(403)
    }
    // The session survived the refused logout: the settings page still opens.
    expect((await a.send("/settings")).status).toBe(200)
  })

  it("S-13 without Origin (or with Origin: null), Sec-Fetch-Site must say same-origin; another origin is refused whatever Sec-Fetch-Site says", async () => {
    const b = new RawBrowser()
    const csrf = csrfIn(await (await b.send("/login")).text())
    const form = { _csrf: csrf, startURL: "/emulator/", ...login }
    const tries: Record<string, string>[] = [
      {},
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "same-site" },
      { origin: "null" },
      { origin: "null", "sec-fetch-site": "cross-site" },
      { origin: "https://org.test" },
      { origin: "https://org.test", "sec-fetch-site": "same-origin" },
    ]
    for (const headers of tries) {
      const res = await b.send("/login", { form, headers })
      expect(res.status, JSON.stringify(headers)).toBe(403)
    }
    // The org's pages are no-referrer, so a browser posts them with Origin: null (S-13).
    const ok = await b.send("/login", {
      form,
      headers: { origin: "null", "sec-fetch-site": "same-origin" },
    })
    expect(ok.status).toBe(303)
    // A new session, so the next login page's token (S-13), this time without Origin at all.
    const next = csrfIn(await (await b.send("/login")).text())
    const again = await b.send("/login", {
      form: { ...form, _csrf: next },
      headers: { "sec-fetch-site": "same-origin" },
    })
    expect(again.status).toBe(303)
  })

  it("S-13 the same-origin login → consent flow works, and the token endpoint takes server-to-server posts without Origin", async () => {
    const b = new TestBrowser(t)
    const run = await runAuthorize(b, t, {
      response_type: "code",
      client_id: t.org.credentials.clientId,
      redirect_uri: WEB_CALLBACK,
      scope: "api refresh_token",
      code_challenge: crypto.createHash("sha256").update("v".repeat(43)).digest("base64url"),
      code_challenge_method: "S256",
    })
    expect(run.sawLogin && run.sawConsent).toBe(true)
    const code = new URL(run.location!).searchParams.get("code")!
    const token = await t.call("/services/oauth2/token", {
      headers: { origin: "http://evil.test" },
      form: {
        grant_type: "authorization_code",
        code,
        redirect_uri: WEB_CALLBACK,
        client_id: t.org.credentials.clientId,
        client_secret: t.org.credentials.clientSecret,
        code_verifier: "v".repeat(43),
      },
    })
    expect(token.status).toBe(200)
  })
})

describe("S-13 page-form CSRF tokens are bound to the browser session", () => {
  it("S-13 a token from another browser session is refused, on the login form and on settings", async () => {
    const one = new RawBrowser()
    const two = new RawBrowser()
    const oneToken = csrfIn(await (await one.send("/login")).text())
    await two.send("/login")
    const cross = await two.send("/login", {
      form: { _csrf: oneToken, startURL: "/emulator/", ...login },
      headers: { origin: ORIGIN },
    })
    expect(cross.status).toBe(403)
    expect(await cross.text()).toContain("Your login page expired")

    await one.logIn(admin)
    await two.logIn(admin)
    const oneSettings = csrfIn(await (await one.send("/settings")).text())
    const twoSettings = csrfIn(await (await two.send("/settings")).text())
    expect(oneSettings).not.toBe(twoSettings)
    const refused = await two.send("/settings/reset", {
      form: { _csrf: oneSettings },
      headers: { origin: ORIGIN },
    })
    expect(refused.status).toBe(403)
    const accepted = await two.send("/settings/reset", {
      form: { _csrf: twoSettings },
      headers: { origin: ORIGIN },
    })
    expect(accepted.status).toBe(303)
  })

  it("S-13 the token is not the cookie's value: a forged cookie and a matching token of the old pattern are refused", async () => {
    const forged = "A".repeat(32)
    for (const cookie of [`org_csrf=${forged}`, `org_csrf=${"x".repeat(20)}`]) {
      const token = cookie.split("=")[1]!
      const res = await t.call("/login", {
        form: { _csrf: token, startURL: "/emulator/", ...login },
        headers: { cookie, origin: ORIGIN },
      })
      expect(res.status, cookie).toBe(403)
    }
    // The page's own token is not its cookie's value either.
    const b = new RawBrowser()
    const token = csrfIn(await (await b.send("/login")).text())
    expect(token).not.toBe(b.jar.get("org_csrf"))
    expect(token).not.toBe("")
  })

  it("S-13 the token lasts for its session: the same login page can be posted again after a wrong password", async () => {
    const b = new RawBrowser()
    const token = csrfIn(await (await b.send("/login")).text())
    const wrong = await b.send("/login", {
      form: { _csrf: token, startURL: "/emulator/", username: login.username, password: "nope" },
      headers: { origin: ORIGIN },
    })
    expect(wrong.status).toBe(401)
    expect(csrfIn(await wrong.text())).toBe(token)
    const right = await b.send("/login", {
      form: { _csrf: token, startURL: "/emulator/", ...login },
      headers: { origin: ORIGIN },
    })
    expect(right.status).toBe(303)
  })

  it("S-13 the CSRF key survives a restart, so an open page's token still works", async () => {
    const b = new RawBrowser()
    const token = csrfIn(await (await b.send("/login")).text())
    await t.restart()
    const res = await b.send("/login", {
      form: { _csrf: token, startURL: "/emulator/", ...login },
      headers: { origin: ORIGIN },
    })
    expect(res.status).toBe(303)
  })
})
