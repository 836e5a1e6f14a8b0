import { decodeJwt, decodeProtectedHeader } from "jose"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { saveAppSecretSettings } from "@/lib/emulator/store/app-settings"
import type { ClientAuthMethod } from "@/lib/salesforce/client-auth"
import { runAuthorize, TestBrowser } from "../../_helpers/browser"
import {
  cookieHeader,
  failureOf,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The Web Server flow's three kinds of client authentication (issue 14 item 3), from the site's
 * side: what its token requests carry, that the choice travels in the sealed flow cookie to the
 * callback, and that the inspector's Refresh authenticates the same way.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => {
  h.reset()
  saveAppSecretSettings(h.t.org.ctx.db, h.clientId, {
    requireSecretForWebServer: true,
    requireSecretForRefreshToken: true,
  })
})

async function runFlow(clientAuth: ClientAuthMethod) {
  const { startWebServer, finishWebServer } = await import("@/lib/flows/web-server")
  const start = await startWebServer({ clientAuth })
  const run = await runAuthorize(
    new TestBrowser(h.t),
    h.t,
    Object.fromEntries(new URL(start.location).searchParams),
    { username: "demo@example.com", password: "demo1234" },
  )
  return finishWebServer(new URL(run.location!), cookieHeader(start.cookies))
}

const lastTokenForm = () => new URLSearchParams(h.tokenCalls().at(-1)!.body)

/** The inspector's Refresh; resolves to the new access token (the org accepted the client). */
async function refresh(cookies: string[]): Promise<string | undefined> {
  const { runInspectorAction } = await import("@/lib/inspector/actions")
  const before = (await sessionOf(cookies))?.tokens.accessToken
  const r = await runInspectorAction("refresh", {}, cookieHeader(cookies))
  const after = (await sessionOf(r.cookies))?.tokens.accessToken
  return after && after !== before ? after : undefined
}

describe("Client authentication on the Web Server flow", () => {
  it("C-142 Client secret is the default: the code and the refresh carry client_secret", async () => {
    const { startWebServer } = await import("@/lib/flows/web-server")
    const { unsealCookie } = await import("@/lib/auth/sealed-cookie")
    const sealed = await unsealCookie<{ auth?: string }>(
      cookieHeader((await startWebServer()).cookies),
      "sfl_web_server",
      "web server flow",
    )
    expect(sealed?.auth).toBe("secret")
    const r = await runFlow("secret")
    expect(r.location).toBe("/inspector")
    expect(lastTokenForm().get("client_secret")).toBe(h.clientSecret)
    expect(lastTokenForm().has("client_assertion")).toBe(false)
    expect((await sessionOf(r.cookies))?.clientAuth).toBe("secret")
  })

  it("C-140 Private key JWT: an RS256 client_assertion (iss = sub = client_id, aud = the token endpoint, short exp, unique jti), for the code and for the inspector's Refresh", async () => {
    const r = await runFlow("private-key-jwt")
    expect(r.location).toBe("/inspector")
    const form = lastTokenForm()
    expect(form.has("client_secret")).toBe(false)
    expect(form.get("client_assertion_type")).toBe(
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    )
    const jwt = form.get("client_assertion")!
    expect(decodeProtectedHeader(jwt).alg).toBe("RS256")
    const claims = decodeJwt(jwt)
    expect(claims).toMatchObject({
      iss: h.clientId,
      sub: h.clientId,
      aud: `${h.loginUrl}/services/oauth2/token`,
    })
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(180)
    const session = await sessionOf(r.cookies)
    expect(session?.clientAuth).toBe("private-key-jwt")

    h.reset()
    expect(await refresh(r.cookies)).toBeDefined()
    const again = lastTokenForm()
    expect(again.get("grant_type")).toBe("refresh_token")
    expect(again.has("client_secret")).toBe(false)
    const second = decodeJwt(again.get("client_assertion")!)
    expect(second.jti).not.toBe(claims.jti)
  })

  it("C-141 None (PKCE only): no secret and no assertion; the org refuses it while Require Secret for Web Server Flow is on", async () => {
    const refused = await runFlow("none")
    expect(refused.location).toBe("/flows/error")
    expect(await failureOf(refused.cookies)).toMatchObject({
      error: "invalid_client",
    })
    saveAppSecretSettings(h.t.org.ctx.db, h.clientId, {
      requireSecretForWebServer: false,
      requireSecretForRefreshToken: false,
    })
    h.reset()
    const r = await runFlow("none")
    expect(r.location).toBe("/inspector")
    const form = lastTokenForm()
    expect(form.get("client_id")).toBe(h.clientId)
    expect(form.has("client_secret") || form.has("client_assertion")).toBe(false)
    expect(form.get("code_verifier")).toMatch(/^[A-Za-z0-9_-]{43,}$/)
    h.reset()
    expect(await refresh(r.cookies)).toBeDefined()
    expect(lastTokenForm().has("client_secret")).toBe(false)
  })

  it("C-143 the Start route reads client_auth from the form and falls back to the secret on anything else", async () => {
    const { POST } = await import("@/app/flows/web-server/start/route")
    const { unsealCookie } = await import("@/lib/auth/sealed-cookie")
    for (const [value, expected] of [
      ["private-key-jwt", "private-key-jwt"],
      ["none", "none"],
      ["bogus", "secret"],
    ]) {
      const res = await POST(
        new Request(`${h.site}/flows/web-server/start`, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: h.site,
          },
          body: `client_auth=${value}`,
        }),
      )
      const sealed = await unsealCookie<{ auth?: string }>(
        cookieHeader(res.headers.getSetCookie()),
        "sfl_web_server",
        "web server flow",
      )
      expect(sealed?.auth).toBe(expected)
    }
  })
})
