// Over 200 lines: one suite for every route handler of the site, sharing the in-process harness.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import {
  cookieHeader,
  sessionOf,
  startSiteHarness,
  webServerCallback,
  withCookies,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The site's own state-changing routes (app/flows/*, app/inspector/*), called as Next calls them:
 * CSRF by Origin / Sec-Fetch-Site (OWASP CSRF cheat sheet, "verifying origin with standard
 * headers"), URLs built from the configured NEXTAUTH_URL and never from request headers, and the
 * session cookie's life cycle (docs/security.md, C-12–C-14, C-56–C-65).
 */
const SITE = "http://localhost:3999"
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness(SITE)
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const post = (path: string, headers: Record<string, string>, body?: BodyInit) =>
  new Request(`${SITE}${path}`, { method: "POST", headers, body })
const form = (o: Record<string, string>) => new URLSearchParams(o).toString()
const FORM = { "content-type": "application/x-www-form-urlencoded" }
const SAME = { origin: SITE }
/** A foreign Origin, cross-site fetch metadata, or neither header (an old browser, a plain form post elsewhere). */
const CROSS: Record<string, string>[] = [
  { origin: "https://evil.test" },
  { "sec-fetch-site": "cross-site" },
  {},
]

/** Signs in with the Web Server flow through the real callback route: the browser's cookie header. */
async function signedIn(): Promise<string> {
  const { GET } = await import("@/app/flows/web-server/callback/route")
  const { callback, cookie } = await webServerCallback(h)
  const res = await GET(new Request(callback, { headers: { cookie } }))
  expect(res.headers.get("location")).toBe("/inspector")
  return cookieHeader(res.headers.getSetCookie())
}

async function introspect(token: string) {
  const { clientFor, orgConnection } = await import("@/lib/org/connection")
  return clientFor(await orgConnection()).introspect(token)
}

describe("URLs come from the configuration, not from the request", () => {
  it("C-12 a spoofed Host or X-Forwarded-Host changes neither the redirect_uri nor the Origin check", async () => {
    const { POST } = await import("@/app/flows/web-server/start/route")
    const spoofed = {
      host: "evil.example",
      "x-forwarded-host": "evil.example",
      "x-forwarded-proto": "https",
    }
    const res = await POST(
      post("/flows/web-server/start", { ...FORM, ...spoofed, ...SAME }, form({})),
    )
    const authorize = new URL(res.headers.get("location")!)
    expect(authorize.searchParams.get("redirect_uri")).toBe(`${SITE}/flows/web-server/callback`)
    expect(authorize.origin).toBe(new URL(h.loginUrl).origin)
    // The attacker's own origin matching the spoofed Host is still another origin.
    expect(
      (
        await POST(
          post(
            "/flows/web-server/start",
            { ...FORM, ...spoofed, origin: "https://evil.example" },
            form({}),
          ),
        )
      ).status,
    ).toBe(403)
    const ua = await import("@/app/flows/user-agent/start/route")
    const uaRes = await ua.POST(post("/flows/user-agent/start", { ...spoofed, ...SAME }))
    expect(new URL(uaRes.headers.get("location")!).searchParams.get("redirect_uri")).toBe(
      `${SITE}/flows/user-agent/callback`,
    )
  })

  it("C-12 C-14 every redirect the flow routes answer is a site path or the configured org, whatever the request says", async () => {
    const { GET } = await import("@/app/flows/web-server/callback/route")
    for (const q of [
      "next=https://evil.example",
      "returnTo=//evil.example",
      "callbackUrl=https://evil.example&state=x&code=y",
      "redirect=%2F%2Fevil.example",
    ]) {
      const res = await GET(
        new Request(`${SITE}/flows/web-server/callback?${q}`, {
          headers: { host: "evil.example", "x-forwarded-host": "evil.example" },
        }),
      )
      expect(res.headers.get("location")).toBe("/flows/error")
    }
  })
})

describe("login initiation and the JWT Bearer flow", () => {
  it("C-60 a flow cannot be started from another site: 403, no state cookie, no assertion signed, no call to the org", async () => {
    const routes = [
      ["/flows/web-server/start", await import("@/app/flows/web-server/start/route")],
      ["/flows/user-agent/start", await import("@/app/flows/user-agent/start/route")],
      ["/flows/jwt-bearer/start", await import("@/app/flows/jwt-bearer/start/route")],
      ["/flows/device/start", await import("@/app/flows/device/start/route")],
      ["/flows/device/poll", await import("@/app/flows/device/poll/route")],
    ] as const
    for (const [path, route] of routes) {
      for (const headers of CROSS) {
        const res = await route.POST(
          post(path, { ...FORM, ...headers }, form({ username: "admin@example.com" })),
        )
        expect(res.status).toBe(403)
        expect(res.headers.getSetCookie()).toEqual([])
      }
    }
    expect(h.log).toHaveLength(0)
    // Same-origin, the JWT Bearer flow does run: the refusals were about the origin.
    const jwt = await import("@/app/flows/jwt-bearer/start/route")
    const ok = await jwt.POST(
      post(
        "/flows/jwt-bearer/start",
        { ...FORM, ...SAME },
        form({ username: "admin@example.com" }),
      ),
    )
    expect(ok.headers.get("location")).toBe("/inspector")
  })
})

describe("state-changing actions on a session", () => {
  it("C-61 Revoke (and every inspector action) posted cross-site as a form, text/plain or multipart gets 403: the org's revoke is not called and the token stays active", async () => {
    const jar = await signedIn()
    const session = (await sessionOf(jar.split("; ").map((c) => `${c}; Path=/`)))!
    const { POST } = await import("@/app/inspector/actions/route")
    h.reset()
    const bodies: [Record<string, string>, BodyInit][] = [
      [FORM, form({ action: "revoke-refresh" })],
      [{ "content-type": "text/plain" }, "action=revoke-refresh"],
      [
        {},
        (() => {
          const f = new FormData()
          f.set("action", "revoke-refresh")
          return f
        })(),
      ],
    ]
    for (const [type, body] of bodies) {
      for (const origin of CROSS) {
        const res = await POST(
          post("/inspector/actions", { ...type, ...origin, cookie: jar }, body),
        )
        expect(res.status).toBe(403)
      }
    }
    expect(h.log).toHaveLength(0)
    expect((await introspect(session.tokens.accessToken)).active).toBe(true)
    // The same request from the site itself revokes: the test above would notice a broken check.
    const res = await POST(
      post(
        "/inspector/actions",
        { ...FORM, ...SAME, cookie: jar },
        form({ action: "revoke-refresh" }),
      ),
    )
    expect(res.status).toBe(303)
    expect(h.paths()).toContain("/services/oauth2/revoke")
    expect((await introspect(session.tokens.accessToken)).active).toBe(false)
  })

  it("C-61 Reveal answers 403 to another origin and never returns a token to it", async () => {
    const jar = await signedIn()
    const { POST } = await import("@/app/inspector/reveal/route")
    for (const headers of CROSS) {
      const res = await POST(
        post(
          "/inspector/reveal",
          { "content-type": "application/json", ...headers, cookie: jar },
          JSON.stringify({ field: "access_token" }),
        ),
      )
      expect(res.status).toBe(403)
      expect(await res.text()).not.toContain("!")
    }
    const same = await POST(
      post(
        "/inspector/reveal",
        { "content-type": "application/json", ...SAME, cookie: jar },
        JSON.stringify({ field: "access_token" }),
      ),
    )
    expect(((await same.json()) as { value: string }).value).toMatch(/^00D/)
  })

  it("C-59 a sign-out without Origin or from another site is refused and the session stays", async () => {
    const jar = await signedIn()
    const { POST } = await import("@/app/flows/sign-out/route")
    for (const headers of CROSS) {
      expect((await POST(post("/flows/sign-out", { ...headers, cookie: jar }))).status).toBe(403)
    }
    expect(h.paths()).not.toContain("/services/oauth2/revoke")
  })

  it("C-63 sign-out deletes every session cookie and revokes the refresh token (and so its access tokens) at the org", async () => {
    const jar = await signedIn()
    const session = (await sessionOf(jar.split("; ").map((c) => `${c}; Path=/`)))!
    const { POST } = await import("@/app/flows/sign-out/route")
    h.reset()
    const res = await POST(post("/flows/sign-out", { ...SAME, cookie: jar }))
    const set = res.headers.getSetCookie()
    expect(res.headers.get("location")).toBe("/")
    expect(
      set.filter((c) => c.startsWith("next-auth.session-token")).every((c) => /Max-Age=0/.test(c)),
    ).toBe(true)
    expect(set.filter((c) => c.startsWith("next-auth.session-token"))).toHaveLength(5)
    expect(await sessionOf(set)).toBeUndefined()
    expect(
      new URLSearchParams(h.log.find((r) => r.path === "/services/oauth2/revoke")!.body).get(
        "token",
      ),
    ).toBe(session.tokens.refreshToken)
    expect((await introspect(session.tokens.accessToken)).active).toBe(false)
    // Documented behaviour (docs/security.md): with next-auth's JWT strategy a copied cookie still
    // decodes until it expires; what it holds is dead at the org.
    expect((await sessionOf(jar.split("; ").map((c) => `${c}; Path=/`)))?.user.username).toBe(
      "demo@example.com",
    )
  })
})

describe("the session cookie", () => {
  afterEach(() => vi.useRealTimers())

  it("C-77 lives 8 hours from sign-in however often /api/auth/session re-issues it, then reads as nobody", async () => {
    const { authOptions, SESSION_MAX_AGE_S } = await import("@/lib/auth/options")
    const { readSession } = await import("@/lib/auth/session-cookie")
    const { nextAuthSecret } = await import("@/lib/auth/secret")
    const { encode } = await import("next-auth/jwt")
    const jar = await signedIn()
    const lab = (await readSession(jar))!
    // What next-auth's session route does on every call: decode with the options' decoder, then
    // re-encode with a fresh maxAge. A cookie re-issued 7 hours after sign-in expires 15 hours after it…
    const decodeWith = authOptions().jwt!.decode!
    const secret = nextAuthSecret()
    vi.useFakeTimers({ toFake: ["Date"], now: lab.signedInAt + 7 * 3600_000 })
    const decoded = await decodeWith({
      token: jar.split("next-auth.session-token=")[1]!.split(";")[0]!,
      secret,
    })
    expect((decoded as { lab?: { user: { username: string } } })?.lab?.user.username).toBe(
      "demo@example.com",
    )
    const reissued = await encode({ token: decoded!, secret, maxAge: SESSION_MAX_AGE_S })
    // …but 8 hours and a minute after sign-in it opens nothing: next-auth then clears its cookies.
    vi.setSystemTime(lab.signedInAt + SESSION_MAX_AGE_S * 1000 + 60_000)
    expect(await decodeWith({ token: reissued, secret })).toBeNull()
    expect(await readSession(`next-auth.session-token=${reissued}`)).toBeUndefined()
    // A minute before the end it still opens: the limit is the lifetime, not any earlier moment.
    vi.setSystemTime(lab.signedInAt + SESSION_MAX_AGE_S * 1000 - 60_000)
    expect((await readSession(`next-auth.session-token=${reissued}`))?.user.username).toBe(
      "demo@example.com",
    )
  })

  it("C-57 is an encrypted JWE (five parts, nothing readable), and /api/auth/session's callback shows no token", async () => {
    const jar = await signedIn()
    const value = jar
      .split("; ")
      .find((c) => c.startsWith("next-auth.session-token="))!
      .split("=")[1]!
    expect(value.split(".")).toHaveLength(5)
    for (const part of value.split("."))
      expect(Buffer.from(part, "base64url").toString("latin1")).not.toMatch(
        /access|00D5g|demo@example/,
      )
    const session = (await sessionOf(jar.split("; ").map((c) => `${c}; Path=/`)))!
    const { authOptions } = await import("@/lib/auth/options")
    const shown = await authOptions().callbacks!.session!({
      session: { expires: "x" },
      token: { lab: session },
    } as never)
    expect(Object.keys(shown).sort()).toEqual(["expires", "lab", "user"])
    expect(Object.keys((shown as unknown as { lab: object }).lab).sort()).toEqual([
      "flow",
      "loginUrl",
      "scopes",
      "signedInAt",
      "user",
    ])
    const text = JSON.stringify(shown)
    for (const secret of [
      session.tokens.accessToken,
      session.tokens.refreshToken!,
      session.tokens.idToken!,
      session.tokens.signature!,
    ])
      expect(text).not.toContain(secret)
    expect(text).not.toMatch(/accessToken|refreshToken|idToken|assertion|transcriptId/)
  })

  it("C-58 a sealed flow cookie, or any value nobody sealed with the session key, planted as the session cookie is not a session", async () => {
    const { callback, cookie } = await webServerCallback(h)
    const flowValue = cookie.split("=")[1]!
    const { readSession } = await import("@/lib/auth/session-cookie")
    const { sealCookie } = await import("@/lib/auth/sealed-cookie")
    const errorValue = (await sealCookie("x", "flow error", { code: "X" }, 60))
      .split(";")[0]!
      .split("=")[1]!
    for (const v of [flowValue, errorValue, "eyJhbGciOiJub25lIn0.eyJsYWIiOnt9fQ.", "garbage"]) {
      expect(await readSession(`next-auth.session-token=${v}`)).toBeUndefined()
    }
    const { runInspectorAction } = await import("@/lib/inspector/actions")
    const { revealField } = await import("@/lib/inspector/reveal")
    expect(
      await revealField("access_token", `next-auth.session-token=${flowValue}`),
    ).toBeUndefined()
    expect(
      await runInspectorAction("revoke-refresh", {}, `next-auth.session-token=${flowValue}`),
    ).toEqual({ location: "/inspector", cookies: [] })
    // A login replaces whatever session cookie the browser had (session fixation).
    const { GET } = await import("@/app/flows/web-server/callback/route")
    const res = await GET(
      new Request(callback, {
        headers: { cookie: withCookies(cookie, [`next-auth.session-token=${flowValue}; Path=/`]) },
      }),
    )
    const fresh = res.headers
      .getSetCookie()
      .find((c) => c.startsWith("next-auth.session-token=") && !/Max-Age=0/.test(c))!
    expect(fresh.split(";")[0]).not.toBe(`next-auth.session-token=${flowValue}`)
    expect((await sessionOf([fresh]))?.user.username).toBe("demo@example.com")
  })
})

describe("odd form input reads as it always has (the routes' schemas)", () => {
  it("the Web Server start ignores an overlong login_hint and any prompt but login, and takes the first of repeated fields", async () => {
    const { POST } = await import("@/app/flows/web-server/start/route")
    const authorize = async (body: string) =>
      new URL(
        (await POST(post("/flows/web-server/start", { ...FORM, ...SAME }, body))).headers.get(
          "location",
        )!,
      ).searchParams
    const ok = await authorize(form({ login_hint: "demo@example.com", prompt: "login" }))
    expect([ok.get("login_hint"), ok.get("prompt")]).toEqual(["demo@example.com", "login"])
    const odd = await authorize(
      `${form({ login_hint: "x".repeat(81), prompt: "consent" })}&prompt=login`,
    )
    expect([odd.has("login_hint"), odd.has("prompt")]).toEqual([false, false])
    const repeated = await authorize(
      "login_hint=first%40example.com&login_hint=second%40example.com",
    )
    expect(repeated.getAll("login_hint")).toEqual(["first@example.com"])
  })

  it("the JWT Bearer start reads a missing username as the empty one, which the flow's error page explains", async () => {
    const { POST } = await import("@/app/flows/jwt-bearer/start/route")
    for (const body of [form({}), "username", form({ other: "x" })]) {
      const res = await POST(post("/flows/jwt-bearer/start", { ...FORM, ...SAME }, body))
      expect(res.status).toBe(303)
      expect(res.headers.get("location")).toBe("/flows/error")
      expect(res.headers.getSetCookie().some((c) => c.startsWith("sfl_error="))).toBe(true)
    }
    expect(h.log).toHaveLength(0)
  })

  it("an unknown inspector action goes back to the inspector, and an unrevealable field is a 404", async () => {
    const jar = await signedIn()
    const actions = await import("@/app/inspector/actions/route")
    for (const body of [form({ action: "drop-table" }), form({}), ""]) {
      const res = await actions.POST(
        post("/inspector/actions", { ...FORM, ...SAME, cookie: jar }, body),
      )
      expect([res.status, res.headers.get("location"), res.headers.getSetCookie()]).toEqual([
        303,
        "/inspector",
        [],
      ])
    }
    const reveal = await import("@/app/inspector/reveal/route")
    for (const body of [
      JSON.stringify({ field: "password" }),
      JSON.stringify({ field: 1 }),
      "[]",
      "not json",
      JSON.stringify({ field: "x".repeat(2000) }),
    ]) {
      const res = await reveal.POST(
        post(
          "/inspector/reveal",
          { "content-type": "application/json", ...SAME, cookie: jar },
          body,
        ),
      )
      expect(res.status).toBe(404)
      expect(await res.json()).toEqual({ error: "nothing to reveal" })
    }
    const res = await reveal.POST(
      post(
        "/inspector/reveal",
        { "content-type": "application/json", ...SAME, cookie: jar },
        JSON.stringify({ field: "access_token" }),
      ),
    )
    expect(res.status).toBe(200)
    expect((await res.json()).value).toBeTruthy()
  })
})
