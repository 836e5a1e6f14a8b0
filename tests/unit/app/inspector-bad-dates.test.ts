import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import {
  cookieHeader,
  failureOf,
  isTokenRequest,
  rewriteJson,
  sessionOf,
  startSiteHarness,
  userAgentFragment,
  webServerCallback,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * Dates that come from Salesforce (introspection's `exp`, the token response's `issued_at`) are
 * checked where they are parsed: a missing `exp` is shown as unknown, a malformed one or an
 * impossible `issued_at` is a clear flow error. Never a half-made session, never an inspector that
 * throws on every load (EF1, EF6).
 */
let jar = ""
vi.mock("next/headers", () => ({ headers: async () => new Headers({ cookie: jar }) }))

let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => {
  h.reset()
  jar = ""
})

const isIntrospection = (req: Request) =>
  new URL(req.url).pathname.endsWith("/services/oauth2/introspect")

/** Makes the org's successful introspection answers carry `edit(body)`. */
function introspectionFault(edit: (b: Record<string, unknown>) => Record<string, unknown>) {
  h.fault = (req, res) =>
    isIntrospection(req) && res.status === 200 ? rewriteJson(res, edit) : res
}

async function webServerSignIn() {
  const { finishWebServer } = await import("@/lib/flows/web-server")
  const { callback, cookie } = await webServerCallback(h)
  return finishWebServer(callback, cookie)
}

/** The inspector as the signed-in browser of `setCookies` loads it. */
async function inspector(setCookies: string[]) {
  jar = cookieHeader(setCookies)
  const { default: Page } = await import("@/app/inspector/page")
  return renderToStaticMarkup(await Page())
}

const withoutExp = ({ exp: _exp, ...rest }: Record<string, unknown>) => rest

describe("introspection's exp", () => {
  it("an answer without exp opens a session whose expiry is shown as unknown", async () => {
    introspectionFault(withoutExp)
    const r = await webServerSignIn()
    expect(r.location).toBe("/inspector")
    const session = await sessionOf(r.cookies)
    expect(session?.expiry).toBeUndefined()
    const page = await inspector(r.cookies)
    expect(page).toContain("Token inspector")
    expect(page).toMatch(/Expires<\/dt><dd>unknown/)
  })

  it("a string or absurd exp is not taken: the Web Server session shows no expiry, the User-Agent flow fails clearly", async () => {
    for (const exp of [String(Math.floor(Date.now() / 1000) + 3600), 1e300, 1.5e9 + 0.5, -1]) {
      introspectionFault((b) => ({ ...b, exp }))
      const r = await webServerSignIn()
      expect(r.location).toBe("/inspector")
      expect((await sessionOf(r.cookies))?.expiry).toBeUndefined()
      expect(await inspector(r.cookies)).toMatch(/Expires<\/dt><dd>unknown/)

      // The User-Agent flow must prove the token by introspection (C-23): a malformed answer is no proof.
      const { completeUserAgent } = await import("@/lib/flows/user-agent")
      const { fragment, cookie } = await userAgentFragment(h)
      const ua = await completeUserAgent(fragment, cookie)
      expect(ua.location).toBe("/flows/error")
      expect(await sessionOf(ua.cookies)).toBeUndefined()
      expect(await failureOf(ua.cookies)).toMatchObject({
        code: "UNEXPECTED_RESPONSE",
        message: expect.stringContaining("exp"),
      })
    }
  })
})

describe("the token response's issued_at", () => {
  it("an issued_at no date can hold is refused, even correctly signed, and opens no session", async () => {
    const { callback, cookie } = await webServerCallback(h)
    h.reset()
    h.fault = (req, res) =>
      isTokenRequest(req) && res.status === 200
        ? rewriteJson(res, (b) => {
            const issued_at = "9".repeat(16)
            const signature = responseSignature(h.clientSecret, String(b.id), issued_at)
            return { ...b, issued_at, signature }
          })
        : res
    const { finishWebServer } = await import("@/lib/flows/web-server")
    const r = await finishWebServer(callback, cookie)
    expect(await sessionOf(r.cookies)).toBeUndefined()
    expect(r.location).toBe("/flows/error")
    expect(await failureOf(r.cookies)).toMatchObject({
      code: "UNEXPECTED_RESPONSE",
      message: expect.stringContaining("issued_at"),
    })
  })
})

describe("a session made before these checks", () => {
  it("renders with no expiry exp and an impossible issued_at: both shown as unknown", async () => {
    const r = await webServerSignIn()
    const s = (await sessionOf(r.cookies))!
    const { sessionSetCookies } = await import("@/lib/auth/session-cookie")
    const damaged = {
      ...s,
      tokens: { ...s.tokens, issuedAt: 9_999_999_999_999_999 },
      expiry: { source: "exp from token introspection at sign-in" },
    } as unknown as typeof s
    const page = await inspector(await sessionSetCookies(damaged))
    expect(page).toContain("Token inspector")
    expect(page).toMatch(/Expires<\/dt><dd>unknown/)
    expect(page).toMatch(/Issued<\/dt><dd>unknown/)
  })
})
