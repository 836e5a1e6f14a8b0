// Over 200 lines: one suite for the wire details docs/fidelity.md lists, one case per row.
import crypto from "node:crypto"
import { decodeJwt } from "jose"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { s256 } from "@/lib/emulator/oauth/grant-authorization-code"
import { USERS } from "@/lib/emulator/seed/records"
import { getAppSecretSettings, saveAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { createCode } from "@/lib/emulator/store/codes"
import { mintRefreshToken } from "@/lib/emulator/store/refresh-tokens"
import { resetOrg } from "@/lib/emulator/store/reset"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

/**
 * Answers the embedded org gives exactly as Salesforce gives them on the wire (issue 12 item 3).
 * Each test title carries the docs/fidelity.md row it covers.
 */
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const MINUTE = 60_000
const SCOPE = "api refresh_token openid"
const site = () => t.org.credentials
const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  t.call("/services/oauth2/token", { form, headers })

async function authorizeCode(
  extra: Record<string, string> = {},
): Promise<{ code: string; location: string }> {
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: site().clientId,
    redirect_uri: WEB_CALLBACK,
    scope: SCOPE,
    ...extra,
  })
  return { code: callbackParams(run.location!).get("code")!, location: run.location! }
}

const exchange = (code: string, extra: Record<string, string> = {}) =>
  token({
    grant_type: "authorization_code",
    code,
    client_id: site().clientId,
    client_secret: site().clientSecret,
    redirect_uri: WEB_CALLBACK,
    ...extra,
  })

async function login(): Promise<{
  access_token: string
  refresh_token: string
  id_token: string
  id: string
}> {
  const res = await exchange((await authorizeCode()).code)
  expect(res.status).toBe(200)
  return (await res.json()) as {
    access_token: string
    refresh_token: string
    id_token: string
    id: string
  }
}

const introspect = async (tok: string) =>
  jsonOf(
    await t.call("/services/oauth2/introspect", {
      form: { token: tok, client_id: site().clientId, client_secret: site().clientSecret },
    }),
  )

const INACTIVE = USERS.find((u) => u.Username === "inactive@example.com")!

describe("error answers", () => {
  it("F-03 an inactive user gets invalid_grant / inactive user from the code and refresh grants too", async () => {
    const now = t.clock.now()
    const code = createCode(
      t.org.ctx.db,
      {
        clientId: site().clientId,
        userId: INACTIVE.Id,
        redirectUri: WEB_CALLBACK,
        scopes: ["api"],
        authTime: now,
      },
      now,
    )
    const res = await exchange(code)
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: "invalid_grant", error_description: "inactive user" })

    const rt = mintRefreshToken(
      t.org.ctx.db,
      { clientId: site().clientId, userId: INACTIVE.Id, scopes: ["api", "refresh_token"] },
      now,
    )
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token: rt.token,
      client_id: site().clientId,
      client_secret: site().clientSecret,
    })
    expect(refreshed.status).toBe(400)
    expect(await refreshed.json()).toEqual({
      error: "invalid_grant",
      error_description: "inactive user",
    })
  })
})

describe("response formats", () => {
  it("F-04 answers JSON by default, form-encoded or XML for format=, and format= wins over Accept", async () => {
    const { refresh_token } = await login()
    const refresh = (extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
      token(
        {
          grant_type: "refresh_token",
          refresh_token,
          client_id: site().clientId,
          client_secret: site().clientSecret,
          ...extra,
        },
        headers,
      )

    const plain = await refresh()
    expect(plain.headers.get("content-type")).toBe("application/json;charset=UTF-8")
    expect((await jsonOf(plain)).token_type).toBe("Bearer")

    const form = await refresh({ format: "urlencoded" }, { accept: "application/xml" })
    expect(form.headers.get("content-type")).toBe("application/x-www-form-urlencoded;charset=UTF-8")
    const fields = new URLSearchParams(await form.text())
    expect(fields.get("token_type")).toBe("Bearer")
    expect(fields.get("access_token")).toMatch(/^00D5g0000LABORG!/)

    const xml = await refresh({ format: "xml" }, { accept: "application/json" })
    expect(xml.headers.get("content-type")).toBe("application/xml;charset=UTF-8")
    const body = await xml.text()
    expect(body).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?><OAuth><access_token>00D5g0000LABORG!/,
    )
    expect(body).toContain("<token_type>Bearer</token_type>")
    expect(body).toMatch(/<\/OAuth>$/)

    const byAccept = await refresh({}, { accept: "application/x-www-form-urlencoded" })
    expect(new URLSearchParams(await byAccept.text()).get("token_type")).toBe("Bearer")
    const xmlByAccept = await refresh({}, { accept: "text/xml, application/json" })
    expect(xmlByAccept.headers.get("content-type")).toBe("application/xml;charset=UTF-8")
  })

  it("F-04 F-16 answers errors in the same format", async () => {
    const bad = {
      grant_type: "refresh_token",
      refresh_token: "5Aep861nope",
      client_id: site().clientId,
      client_secret: site().clientSecret,
    }
    const xml = await token({ ...bad, format: "xml" })
    expect(xml.status).toBe(400)
    expect(await xml.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><OAuth><error>invalid_grant</error><error_description>expired access/refresh token</error_description></OAuth>',
    )
    const form = await token(bad, { accept: "application/x-www-form-urlencoded" })
    expect(form.status).toBe(400)
    expect(await form.text()).toBe(
      "error=invalid_grant&error_description=expired+access%2Frefresh+token",
    )
    const json = await token({ ...bad, format: "json" }, { accept: "application/xml" })
    expect(await json.json()).toEqual({
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
  })
})

describe("token shapes", () => {
  it("F-05 a code has Salesforce's shape, ends in == and travels as %3D%3D, and redeems", async () => {
    const { code, location } = await authorizeCode()
    expect(code).toMatch(/^aPrx[A-Za-z0-9._]{62}==$/)
    expect(location).toContain(`code=${code.slice(0, -2)}%3D%3D`)
    expect((await exchange(code)).status).toBe(200)
  })
})

describe("session timeout", () => {
  it("F-06 API calls restart the access token's inactivity timeout, and introspection's exp follows", async () => {
    const { access_token } = await login()
    const issued = t.clock.now()
    expect((await introspect(access_token)).exp).toBe(Math.floor((issued + 120 * MINUTE) / 1000))
    const userinfo = () =>
      t.call("/services/oauth2/userinfo", { headers: { authorization: `Bearer ${access_token}` } })
    const api = () =>
      t.call("/services/data/v66.0/limits", {
        headers: { authorization: `Bearer ${access_token}` },
      })

    t.clock.advance(100 * MINUTE)
    expect((await userinfo()).status).toBe(200)
    expect((await introspect(access_token)).exp).toBe(
      Math.floor((t.clock.now() + 120 * MINUTE) / 1000),
    )
    t.clock.advance(100 * MINUTE)
    expect((await api()).status).toBe(200)
    t.clock.advance(100 * MINUTE)
    expect(
      (
        await t.call(`/id/00D5g0000LABORG/0055g00000DEMO1`, {
          headers: { authorization: `Bearer ${access_token}` },
        })
      ).status,
    ).toBe(200)
    // 300 minutes after issue, alive; introspection itself is not a use of the token.
    t.clock.advance(119 * MINUTE)
    await introspect(access_token)
    t.clock.advance(2 * MINUTE)
    expect((await api()).status).toBe(401)
    expect((await introspect(access_token)).active).toBe(false)
  })
})

describe("identity", () => {
  it("F-07 the identity URL's and userinfo's urls have Salesforce's full set of keys, with {version} placeholders", async () => {
    const { access_token, id } = await login()
    const KEYS = [
      "enterprise",
      "metadata",
      "partner",
      "rest",
      "sobjects",
      "search",
      "query",
      "recent",
      "tooling_soap",
      "tooling_rest",
      "profile",
      "feeds",
      "groups",
      "users",
      "feed_items",
      "feed_elements",
      "custom_domain",
    ]
    const auth = { headers: { authorization: `Bearer ${access_token}` } }
    for (const url of [id, `${t.base}/services/oauth2/userinfo`]) {
      const urls = (await jsonOf(await t.call(url, auth))).urls as Record<string, string>
      expect(Object.keys(urls).sort()).toEqual([...KEYS].sort())
      expect(urls.tooling_rest).toBe(`${t.base}/services/data/v{version}/tooling/`)
      expect(urls.feed_items).toBe(`${t.base}/services/data/v{version}/chatter/feed-items`)
      const filled = (await jsonOf(await t.call(`${url}?version=latest`, auth))).urls as Record<
        string,
        string
      >
      expect(Object.values(filled).join(" ")).not.toContain("{version}")
      expect(filled.rest).toBe(`${t.base}/services/data/v66.0/`)
    }
  })
})

describe("REST root", () => {
  it("F-08 lists only resources that answer", async () => {
    const { access_token } = await login()
    const auth = { headers: { authorization: `Bearer ${access_token}` } }
    const root = await jsonOf(await t.call("/services/data/v66.0", auth))
    expect(Object.keys(root).sort()).toEqual(["identity", "limits", "query", "sobjects"])
    for (const [name, path] of Object.entries(root)) {
      // Paths are origin-relative as on Salesforce; the org still sits under its base path here.
      const url = /^https?:/.test(String(path))
        ? String(path)
        : `${t.base}${String(path)}${name === "query" ? "?q=SELECT+Id+FROM+Account" : ""}`
      expect((await t.call(url, auth)).status, name).toBe(200)
    }
  })
})

describe("introspection", () => {
  it("F-09 a refresh token's iat and nbf are when it was issued, not when it is introspected", async () => {
    const { refresh_token } = await login()
    const issuedS = Math.floor(t.clock.now() / 1000)
    t.clock.advance(60 * MINUTE)
    const body = await introspect(refresh_token)
    expect(body).toMatchObject({
      active: true,
      token_type: "refresh_token",
      iat: issuedS,
      nbf: issuedS,
    })
  })

  it("F-13 a refreshed id_token carries no auth_time (unverified on Salesforce)", async () => {
    const { refresh_token, id_token } = await login()
    expect(typeof decodeJwt(id_token).auth_time).toBe("number")
    const res = await token({
      grant_type: "refresh_token",
      refresh_token,
      client_id: site().clientId,
      client_secret: site().clientSecret,
    })
    const body = await jsonOf(res)
    expect(decodeJwt(String(body.id_token)).auth_time).toBeUndefined()
  })
})

describe("Require Secret settings", () => {
  const verifier = crypto.randomBytes(32).toString("base64url")
  const publicExchange = (code: string, extra: Record<string, string> = {}) =>
    token({
      grant_type: "authorization_code",
      code,
      client_id: site().clientId,
      redirect_uri: WEB_CALLBACK,
      ...extra,
    })

  it("F-10 are on by default: no secret is invalid_client for the code and refresh grants", async () => {
    expect(getAppSecretSettings(t.org.ctx.db, site().clientId)).toEqual({
      requireSecretForWebServer: true,
      requireSecretForRefreshToken: true,
    })
    const { code } = await authorizeCode({ code_challenge: s256(verifier) })
    const res = await publicExchange(code, { code_verifier: verifier })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
    const { refresh_token } = await login()
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token,
      client_id: site().clientId,
    })
    expect(await refreshed.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
  })

  it("F-11 with Require Secret for Web Server Flow off, a public client redeems a code with PKCE alone, never without it", async () => {
    saveAppSecretSettings(t.org.ctx.db, site().clientId, { requireSecretForWebServer: false })
    const { code } = await authorizeCode({ code_challenge: s256(verifier) })
    const ok = await publicExchange(code, { code_verifier: verifier })
    expect(ok.status).toBe(200)
    expect((await jsonOf(ok)).access_token).toMatch(/^00D5g0000LABORG!/)
    const noPkce = await publicExchange((await authorizeCode()).code)
    expect(noPkce.status).toBe(400)
    expect(await noPkce.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
    // The secret still works for a confidential client.
    expect((await exchange((await authorizeCode()).code)).status).toBe(200)
  })

  it("F-12 a secret that is sent is checked even when none is required", async () => {
    saveAppSecretSettings(t.org.ctx.db, site().clientId, {
      requireSecretForWebServer: false,
      requireSecretForRefreshToken: false,
    })
    const { code } = await authorizeCode({ code_challenge: s256(verifier) })
    const res = await publicExchange(code, { code_verifier: verifier, client_secret: "WRONG" })
    expect(await res.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
    const { refresh_token } = await login()
    const wrong = await token({
      grant_type: "refresh_token",
      refresh_token,
      client_id: site().clientId,
      client_secret: "WRONG",
    })
    expect(await wrong.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
  })

  it("F-14 with Require Secret for Refresh Token Flow off, a refresh needs no secret; reset turns both back on", async () => {
    saveAppSecretSettings(t.org.ctx.db, site().clientId, { requireSecretForRefreshToken: false })
    expect(getAppSecretSettings(t.org.ctx.db, site().clientId)).toEqual({
      requireSecretForWebServer: true,
      requireSecretForRefreshToken: false,
    })
    const { refresh_token } = await login()
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token,
      client_id: site().clientId,
    })
    expect(refreshed.status).toBe(200)
    resetOrg(t.org.ctx.db)
    expect(getAppSecretSettings(t.org.ctx.db, site().clientId)).toEqual({
      requireSecretForWebServer: true,
      requireSecretForRefreshToken: true,
    })
  })
})
