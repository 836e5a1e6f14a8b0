import crypto from "node:crypto"
import { afterEach, beforeEach, expect, it } from "vitest"
import { LOGIN_RESTRICTED } from "@/lib/emulator/interactive/login-policy"
import { applyOrgPatch } from "@/lib/emulator/store/org-patch"
import { callbackParams, csrfIn, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, registerOtherApp, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

/**
 * "Relax IP restrictions" exempts one app's OAuth flow from the user's Login IP Ranges
 * (docs/fidelity.md, F-180). The login it lets through may finish that app's parked authorize
 * request and nothing else: not Setup, not the Device flow's page, not another app's authorize.
 */

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const ADMIN = { username: "admin@example.com", password: "admin1234" }
const verifier = crypto.randomBytes(32).toString("base64url")
const authorizeUrl = (clientId: string, extra: Record<string, string> = {}) =>
  `/services/oauth2/authorize?${new URLSearchParams({
    response_type: "code",
    client_id: clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api",
    state: "st",
    code_challenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
    code_challenge_method: "S256",
    ...extra,
  })}`
const abs = (location: string) => new URL(location, t.base).toString()
/** The parked request's id, from the login redirect's `startURL=/emulator/resume?request=…`. */
const requestIdOf = (loginLocation: string) =>
  new URL(new URL(abs(loginLocation)).searchParams.get("startURL")!, t.base).searchParams.get(
    "request",
  )!

it("S-241 F-180 a login let in by Relax IP restrictions completes that app's request, and opens nothing else", async () => {
  const other = await registerOtherApp(t) // Enforce IP restrictions, the default
  applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, {
    app: { ipRelaxation: "relax" },
    users: { [ADMIN.username]: { loginIpRanges: "10.9.9.0-10.9.9.9" } },
  })
  const b = new TestBrowser(t)
  // prompt=consent: the administrator is pre-authorized, and the consent page is wanted below.
  const relaxed = authorizeUrl(t.org.credentials.clientId, { prompt: "consent" })
  const toLogin = (await b.get(relaxed)).headers.get("location")!
  const relaxedId = requestIdOf(toLogin)
  const loginPage = await (await b.get(abs(toLogin))).text()
  const login = await b.post("/login", {
    _csrf: csrfIn(loginPage),
    startURL: new URL(abs(toLogin)).searchParams.get("startURL")!,
    ...ADMIN,
  })
  expect(login.status).toBe(303)
  expect(b.hasSession()).toBe(true)

  // Setup, the Device flow's page and the login URL's home page see nobody logged in.
  const settings = await b.get("/settings")
  expect(settings.status).toBe(302)
  expect(settings.headers.get("location")).toMatch(/^\/emulator\/login\?/)
  expect((await b.get("/setup/connect")).headers.get("location")).toMatch(/^\/emulator\/login\?/)
  expect(await (await b.get("/")).text()).not.toContain("You are logged in as")

  // Another app, which enforces the ranges, is sent to the login page (naming the relaxed request
  // on its authorize changes nothing), and the login page refuses the user.
  const otherLogin = (
    await b.get(authorizeUrl(other.clientId, { request: relaxedId }))
  ).headers.get("location")!
  expect(otherLogin).toMatch(/^\/emulator\/login\?/)
  const otherId = requestIdOf(otherLogin)
  expect((await b.get(`/resume?request=${otherId}`)).headers.get("location")).toMatch(
    /^\/emulator\/login\?/,
  )
  const otherPage = await (await b.get(abs(otherLogin))).text()
  const refused = await b.post("/login", {
    _csrf: csrfIn(otherPage),
    startURL: new URL(abs(otherLogin)).searchParams.get("startURL")!,
    ...ADMIN,
  })
  expect(refused.status).toBe(403)
  expect(await refused.text()).toContain(LOGIN_RESTRICTED)

  // The relaxed app's request goes on to its consent page; Allow there cannot approve the other one.
  const consent = await b.get(abs(login.headers.get("location")!))
  expect(consent.headers.get("location")).toBe(`/emulator/consent?request=${relaxedId}`)
  const consentPage = await (await b.get(abs(consent.headers.get("location")!))).text()
  expect(consentPage).toContain("Allow Access?")
  // The form names the request, whatever the URL says.
  const smuggled = await b.post(`/consent?request=${relaxedId}`, {
    _csrf: csrfIn(consentPage),
    request: otherId,
    decision: "allow",
  })
  expect(smuggled.headers.get("location") ?? "").not.toContain("code=")
  const allowed = await b.post("/consent", {
    _csrf: csrfIn(consentPage),
    request: relaxedId,
    decision: "allow",
  })
  const code = callbackParams(allowed.headers.get("location")!).get("code")!
  const tokens = await t.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code,
      client_id: t.org.credentials.clientId,
      client_secret: t.org.credentials.clientSecret,
      redirect_uri: WEB_CALLBACK,
      code_verifier: verifier,
    },
  })
  expect(tokens.status).toBe(200)
})
