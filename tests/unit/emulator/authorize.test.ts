// Over 200 lines: one suite for the authorize endpoint, its cases side by side.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { saveSettings, getSettings } from "@/lib/emulator/store/settings"
import { callbackParams, csrfIn, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, UA_CALLBACK, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const params = (extra: Record<string, string> = {}) => ({
  response_type: "code",
  client_id: t.org.credentials.clientId,
  redirect_uri: WEB_CALLBACK,
  state: "s1",
  ...extra,
})
/** The org redirects with root-relative paths; resolve them against its origin. */
const follow = (location: string | null) => t.call(new URL(location!, t.base).toString())
const authorize = (q: Record<string, string> | string) =>
  t.call(`/services/oauth2/authorize?${typeof q === "string" ? q : new URLSearchParams(q)}`)

/** A refusal that must stay on the org: an HTML page carrying Salesforce's error string, no redirect. */
async function expectErrorPage(res: Response, error: string, description: string) {
  expect(res.status).toBe(400)
  expect(res.headers.get("location")).toBeNull()
  expect(res.headers.get("content-type")).toContain("text/html")
  const html = await res.text()
  expect(html).toContain(`error=${error}&amp;error_description=${encodeURIComponent(description)}`)
}

/** A refusal sent back to the client: query for code, fragment for token, always with state. */
function expectRedirectError(
  res: Response,
  error: string,
  description: string,
  state = "s1",
  mode: "query" | "fragment" = "query",
) {
  expect(res.status).toBe(302)
  const location = res.headers.get("location")!
  expect(location.includes("#")).toBe(mode === "fragment")
  const p = callbackParams(location)
  expect(p.get("error")).toBe(error)
  expect(p.get("error_description")).toBe(description)
  expect(p.get("state")).toBe(state)
}

describe("authorize endpoint rejections", () => {
  it("F-43 S-01 unknown or missing client_id renders an error page and never redirects", async () => {
    await expectErrorPage(
      await authorize(params({ client_id: "3MVG9unknown" })),
      "invalid_client_id",
      "client identifier invalid",
    )
    const { client_id: _dropped, ...noClient } = params()
    await expectErrorPage(
      await authorize(noClient),
      "invalid_client_id",
      "client identifier invalid",
    )
  })

  it("S-02 a redirect_uri that is not an exact registered string renders redirect_uri_mismatch", async () => {
    const variants = [
      "https://evil.test/flows/web-server/callback",
      `${WEB_CALLBACK}/`,
      `${WEB_CALLBACK}?x=1`,
      `${WEB_CALLBACK}#frag`,
      WEB_CALLBACK.replace("callback", "Callback"),
      "https://site.test/flows/web-server/../web-server/callback",
      "https://site.test@evil.test/flows/web-server/callback",
      "https://site.test.evil.test/flows/web-server/callback",
      "https://site.test:8080/flows/web-server/callback",
      "http://site.test/flows/web-server/callback",
    ]
    for (const redirect_uri of variants) {
      await expectErrorPage(
        await authorize(params({ redirect_uri })),
        "redirect_uri_mismatch",
        "redirect_uri must match configuration",
      )
    }
  })

  it("S-03 a missing redirect_uri renders redirect_uri_missing", async () => {
    const { redirect_uri: _dropped, ...q } = params()
    await expectErrorPage(
      await authorize(q),
      "redirect_uri_missing",
      "redirect_uri must be provided",
    )
  })

  it("S-05 a missing or unsupported response_type goes back with unsupported_response_type and state", async () => {
    expectRedirectError(
      await authorize(params({ response_type: "id_token" })),
      "unsupported_response_type",
      "response type not supported",
    )
    const { response_type: _dropped, ...q } = params()
    expectRedirectError(
      await authorize(q),
      "unsupported_response_type",
      "response type not supported",
    )
  })

  it("S-06 the user-agent flow blocked by the org answers unsupported_response_type in the fragment", async () => {
    saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), blockUserAgentFlow: true })
    const res = await authorize(params({ response_type: "token", redirect_uri: UA_CALLBACK }))
    expectRedirectError(
      res,
      "unsupported_response_type",
      "response type not supported",
      "s1",
      "fragment",
    )
  })

  it("S-07 a scope the app does not have is refused with invalid_scope", async () => {
    expectRedirectError(
      await authorize(params({ scope: "api full" })),
      "invalid_scope",
      "the requested scope is not allowed",
    )
    expectRedirectError(
      await authorize(params({ scope: "api made_up" })),
      "invalid_scope",
      "the requested scope is not allowed",
    )
  })

  it("F-56 S-08 PKCE: plain or unknown methods, malformed challenges and a required-but-absent challenge are invalid_request", async () => {
    const good = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    expectRedirectError(
      await authorize(params({ code_challenge: good, code_challenge_method: "plain" })),
      "invalid_request",
      "code_challenge_method must be S256",
    )
    expectRedirectError(
      await authorize(params({ code_challenge: "short" })),
      "invalid_request",
      "invalid code_challenge",
    )
    expectRedirectError(
      await authorize(params({ code_challenge: `${good.slice(0, 42)}=` })),
      "invalid_request",
      "invalid code_challenge",
    )
    saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), requirePkce: true })
    expectRedirectError(
      await authorize(params()),
      "invalid_request",
      "missing required code challenge",
    )
  })

  it("S-09 duplicated parameters are refused: client_id and redirect_uri on a page, the others with invalid_request", async () => {
    const base = new URLSearchParams(params())
    const dupClient = new URLSearchParams(base)
    dupClient.append("client_id", t.org.credentials.clientId)
    await expectErrorPage(
      await authorize(dupClient.toString()),
      "invalid_request",
      "duplicate parameter: client_id",
    )
    const dupRedirect = new URLSearchParams(base)
    dupRedirect.append("redirect_uri", WEB_CALLBACK)
    await expectErrorPage(
      await authorize(dupRedirect.toString()),
      "invalid_request",
      "duplicate parameter: redirect_uri",
    )
    const dupChallenge = new URLSearchParams(base)
    dupChallenge.append("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    dupChallenge.append("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    expectRedirectError(
      await authorize(dupChallenge.toString()),
      "invalid_request",
      "duplicate parameter: code_challenge",
    )
    const dupState = new URLSearchParams(base)
    dupState.append("state", "s2")
    const res = await authorize(dupState.toString())
    const p = callbackParams(res.headers.get("location")!)
    expect(p.get("error")).toBe("invalid_request")
    expect(p.get("error_description")).toBe("duplicate parameter: state")
    expect(p.has("state")).toBe(false)
  })

  it("S-10 token id_token without a nonce is invalid_request in the fragment", async () => {
    const res = await authorize(
      params({ response_type: "token id_token", redirect_uri: UA_CALLBACK, scope: "openid api" }),
    )
    expectRedirectError(
      res,
      "invalid_request",
      "nonce is required for response_type token id_token",
      "s1",
      "fragment",
    )
  })

  it("F-44 S-11 a denied consent returns access_denied with state; immediate=true without a session returns immediate_unsuccessful", async () => {
    const denied = await runAuthorize(new TestBrowser(t), t, params(), {
      username: "demo@example.com",
      password: "demo1234",
      consent: "deny",
    })
    const p = callbackParams(denied.location!)
    expect(p.get("error")).toBe("access_denied")
    expect(p.get("error_description")).toBe("end-user denied authorization")
    expect(p.get("state")).toBe("s1")
    expectRedirectError(
      await authorize(params({ immediate: "true" })),
      "immediate_unsuccessful",
      "immediate unsuccessful",
    )
    const ua = await authorize(
      params({ immediate: "true", response_type: "token", redirect_uri: UA_CALLBACK }),
    )
    expectRedirectError(ua, "immediate_unsuccessful", "immediate unsuccessful", "s1", "fragment")
  })

  it("S-11 immediate=true with a session but no approval returns immediate_unsuccessful instead of the consent page", async () => {
    const b = new TestBrowser(t)
    await runAuthorize(b, t, params({ scope: "api" }))
    const res = await b.get(
      `/services/oauth2/authorize?${new URLSearchParams(params({ scope: "api refresh_token", immediate: "true" }))}`,
    )
    expectRedirectError(res, "immediate_unsuccessful", "immediate unsuccessful")
  })

  it("S-12 a very long state is echoed byte for byte", async () => {
    // As long as the org takes (2048 characters, F-60), with characters that need encoding.
    const state = "é&=+#/ ".repeat(150) + "x".repeat(998)
    const run = await runAuthorize(new TestBrowser(t), t, params({ state }))
    expect(callbackParams(run.location!).get("state")).toBe(state)
  })

  it("S-13 the login and consent pages cannot be framed and run no script", async () => {
    const res = await authorize(params())
    const login = await follow(res.headers.get("location"))
    expect(login.status).toBe(200)
    expect(login.headers.get("x-frame-options")).toBe("DENY")
    const csp = login.headers.get("content-security-policy")!
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).toContain("default-src 'none'")
    expect(csp).not.toMatch(/script-src/)
    expect(login.headers.get("access-control-allow-origin")).toBeNull()
    expect(await login.text()).not.toMatch(/<script/i)
  })

  it("S-14 never redirects with a code before the user has logged in", async () => {
    const res = await authorize(params())
    expect(res.status).toBe(302)
    expect(res.headers.get("location")).toMatch(/^\/emulator\/login\?startURL=/)
  })

  it("login_hint pre-fills the username on the login page", async () => {
    const res = await authorize(params({ login_hint: "admin@example.com" }))
    const page = await follow(res.headers.get("location"))
    expect(await page.text()).toContain('value="admin@example.com"')
  })

  it("S-95 reflected input on the login page is escaped", async () => {
    const page = await t.call(
      `/login?login_hint=${encodeURIComponent('"><script>alert(1)</script>')}`,
    )
    const html = await page.text()
    expect(html).not.toContain("<script>alert(1)</script>")
    expect(html).toContain("&quot;&gt;&lt;script&gt;")
  })
})

describe("user-agent flow at the authorize endpoint", () => {
  it("F-45 returns Salesforce's token fragment, with no refresh_token for an https/http callback", async () => {
    const run = await runAuthorize(
      new TestBrowser(t),
      t,
      params({ response_type: "token", redirect_uri: UA_CALLBACK, scope: "api refresh_token" }),
    )
    expect(run.location!.startsWith(`${UA_CALLBACK}#`)).toBe(true)
    const p = callbackParams(run.location!)
    expect(p.get("access_token")).toMatch(/^00D5g0000LABORG!/)
    expect(p.get("token_type")).toBe("Bearer")
    expect(p.get("state")).toBe("s1")
    expect(p.get("signature")).toBeTruthy()
    expect(p.has("refresh_token")).toBe(false)
    expect(p.has("id_token")).toBe(false)
  })

  it("adds an id_token for token id_token with openid and a nonce", async () => {
    const run = await runAuthorize(
      new TestBrowser(t),
      t,
      params({
        response_type: "token id_token",
        redirect_uri: UA_CALLBACK,
        scope: "openid api",
        nonce: "n-1",
      }),
    )
    expect(callbackParams(run.location!).get("id_token")).toMatch(/^eyJ/)
  })
})

describe("login page", () => {
  it("F-46 refuses a wrong password and an inactive user with Salesforce's messages", async () => {
    const b = new TestBrowser(t)
    const wrong = await runAuthorize(b, t, params(), {
      username: "demo@example.com",
      password: "nope",
    })
    expect(wrong.response.status).toBe(401)
    expect(await wrong.response.text()).toContain("Please check your username and password.")
    const inactive = await runAuthorize(new TestBrowser(t), t, params(), {
      username: "inactive@example.com",
      password: "inactive1234",
    })
    expect(inactive.response.status).toBe(403)
    expect(await inactive.response.text()).toContain("Your access is disabled.")
  })

  it("refuses a login post without the page's CSRF token", async () => {
    const res = await t.call("/login", {
      form: { username: "demo@example.com", password: "demo1234", startURL: "/emulator/" },
    })
    expect(res.status).toBe(403)
    expect(res.headers.get("set-cookie") ?? "").not.toContain("sid=")
  })

  it("never follows a startURL outside the org (no open redirect)", async () => {
    const b = new TestBrowser(t)
    const page = await b.get("/login?startURL=" + encodeURIComponent("//evil.test/x"))
    const html = await page.text()
    expect(html).toContain('name="startURL" value="/emulator/"')
    for (const startURL of ["https://evil.test/", "//evil.test", "/\\evil.test", "/elsewhere"]) {
      // Each login starts a new org session, and the form's token is bound to the current one (S-13).
      const csrf = csrfIn(await (await b.get("/login")).text())
      const res = await b.post("/login", {
        _csrf: csrf,
        startURL,
        username: "demo@example.com",
        password: "demo1234",
      })
      expect(res.status).toBe(303)
      expect(res.headers.get("location")).toBe("/emulator/")
    }
  })
})

describe("callback URL registration", () => {
  it("S-04 refuses plain-http callbacks off this machine at registration, and accepts https, loopback http and custom schemes", async () => {
    const { callbackUrlProblem, registerApp } = await import("@/lib/emulator/store/apps")
    expect(callbackUrlProblem("http://app.example.com/cb")).toMatch(/must use https/)
    expect(callbackUrlProblem("https://app.example.com/cb#x")).toMatch(/fragment/)
    expect(callbackUrlProblem("javascript:alert(1)")).toMatch(/forbidden scheme/)
    for (const ok of [
      "https://app.example.com/cb",
      "http://localhost:3000/cb",
      "http://127.0.0.1:1717/OauthRedirect",
      "myapp://callback",
    ])
      expect(callbackUrlProblem(ok)).toBeUndefined()
    const creds = { ...t.org.credentials, clientId: "3MVG9HttpApp" }
    expect(() =>
      registerApp(t.org.ctx.db, creds, ["http://app.example.com/cb"], Date.now()),
    ).toThrow(/must use https/)
  })
})
