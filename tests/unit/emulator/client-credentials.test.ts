// Over 200 lines: one suite per grant (Client Credentials), its cases and the settings page side by side.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import { saveClientCredentialsSettings } from "@/lib/emulator/store/client-credentials"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { csrfIn, TestBrowser } from "../../_helpers/browser"
import { basic, createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

const MY_DOMAIN = "http://org.test"
const LOGIN_HOST = "http://login.org.test"
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const INACTIVE = USERS.find((u) => u.Username === "inactive@example.com")!
const NO_USER = { error: "invalid_grant", error_description: "no client credentials user enabled" }

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: MY_DOMAIN, loginHostUrl: LOGIN_HOST })
})
afterEach(() => t.close())

const creds = () => t.org.credentials
function enable(runAsUserId: string | undefined, enabled = true) {
  saveClientCredentialsSettings(t.org.ctx.db, creds().clientId, { enabled, runAsUserId })
}
function tokenRequest(
  via: "body" | "basic",
  opts: { host?: string; secret?: string; extra?: Record<string, string> } = {},
) {
  const { clientId, clientSecret } = creds()
  const secret = opts.secret ?? clientSecret
  return t.call(`${opts.host ?? MY_DOMAIN}/services/oauth2/token`, {
    form:
      via === "body"
        ? {
            grant_type: "client_credentials",
            client_id: clientId,
            client_secret: secret,
            ...opts.extra,
          }
        : { grant_type: "client_credentials", ...opts.extra },
    headers: via === "basic" ? { authorization: basic(clientId, secret) } : {},
  })
}
async function expectError(res: Response, body: { error: string; error_description: string }) {
  expect(res.status).toBe(400)
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await res.json()).toEqual(body)
}

describe("grant_type=client_credentials", () => {
  it("F-120 issues an access token for the Run-As user, with the secret in the body or as HTTP Basic, and no refresh_token or id_token", async () => {
    enable(ADMIN.Id)
    for (const via of ["body", "basic"] as const) {
      const res = await tokenRequest(via)
      expect(res.status).toBe(200)
      const body = await jsonOf(res)
      expect(Object.keys(body).sort()).toEqual(
        [
          "access_token",
          "id",
          "instance_url",
          "issued_at",
          "scope",
          "signature",
          "token_type",
        ].sort(),
      )
      expect(body.id).toBe(`${MY_DOMAIN}/id/${ORG.Id}/${ADMIN.Id}`)
      expect(body.instance_url).toBe(MY_DOMAIN)
      expect(body.token_type).toBe("Bearer")
      expect(body.signature).toBe(
        responseSignature(creds().clientSecret, String(body.id), String(body.issued_at)),
      )
      // The token works, as the Run-As user.
      const who = await t.call(String(body.id), {
        headers: { authorization: `Bearer ${String(body.access_token)}` },
      })
      expect(who.status).toBe(200)
      expect((await jsonOf(who)).username).toBe(ADMIN.Username)
    }
  })

  it("F-123 grants the app's scopes except full, web, refresh_token and offline_access, whatever scope is asked", async () => {
    enable(ADMIN.Id)
    const body = await jsonOf(
      await tokenRequest("body", { extra: { scope: "full refresh_token" } }),
    )
    const scopes = String(body.scope).split(" ")
    expect(scopes).toContain("api")
    for (const s of ["full", "web", "refresh_token", "offline_access"])
      expect(scopes).not.toContain(s)
    saveSettings(t.org.ctx.db, {
      ...getSettings(t.org.ctx.db),
      appScopes: ["web", "refresh_token"],
    })
    await expectError(await tokenRequest("body"), {
      error: "invalid_grant",
      error_description: "no valid scopes defined",
    })
  })

  it("F-121 S-210 is refused at the generic login host with Salesforce's answer, before the secret is checked, and works at My Domain", async () => {
    enable(ADMIN.Id)
    const wrongHost = {
      error: "invalid_grant",
      error_description: "request not supported on this domain",
    }
    await expectError(await tokenRequest("body", { host: LOGIN_HOST }), wrongHost)
    await expectError(await tokenRequest("basic", { host: LOGIN_HOST }), wrongHost)
    await expectError(await tokenRequest("body", { host: LOGIN_HOST, secret: "wrong" }), wrongHost)
    expect((await tokenRequest("body")).status).toBe(200)
  })

  it("F-122 answers no client credentials user enabled while the flow is off (the default) or has no Run-As user", async () => {
    await expectError(await tokenRequest("body"), NO_USER)
    enable(ADMIN.Id, false)
    await expectError(await tokenRequest("basic"), NO_USER)
    enable(undefined, true)
    await expectError(await tokenRequest("body"), NO_USER)
  })

  it("F-122 a Run-As user deactivated after it was chosen gets invalid_grant / inactive user", async () => {
    enable(INACTIVE.Id)
    await expectError(await tokenRequest("body"), {
      error: "invalid_grant",
      error_description: "inactive user",
    })
  })

  it("S-211 authenticates the client: a wrong secret is invalid_client, no secret is invalid_client, an unknown key invalid_client_id, both methods at once invalid_request", async () => {
    enable(ADMIN.Id)
    const bad = { error: "invalid_client", error_description: "invalid client credentials" }
    await expectError(await tokenRequest("body", { secret: "wrong" }), bad)
    await expectError(await tokenRequest("basic", { secret: "wrong" }), bad)
    await expectError(
      await t.call("/services/oauth2/token", {
        form: { grant_type: "client_credentials", client_id: creds().clientId },
      }),
      bad,
    )
    await expectError(
      await t.call("/services/oauth2/token", {
        form: { grant_type: "client_credentials", client_id: "3MVG9Unknown", client_secret: "x" },
      }),
      { error: "invalid_client_id", error_description: "client identifier invalid" },
    )
    const both = await t.call("/services/oauth2/token", {
      form: { grant_type: "client_credentials", client_secret: creds().clientSecret },
      headers: { authorization: basic(creds().clientId, creds().clientSecret) },
    })
    await expectError(both, {
      error: "invalid_request",
      error_description: "client authentication must use only one method",
    })
  })
})

describe("the Client Credentials settings on the org settings page", () => {
  async function settingsAsAdmin() {
    const b = new TestBrowser(t)
    const first = await b.get("/settings")
    const login = await b.get(first.headers.get("location")!)
    const html = await login.text()
    const startURL = /name="startURL" value="([^"]*)"/.exec(html)![1]!
    await b.post("/login", {
      _csrf: csrfIn(html),
      startURL,
      username: ADMIN.Username,
      password: ADMIN.password,
    })
    return { b, html: await (await b.get("/settings")).text() }
  }
  const keep = (html: string) => ({
    _csrf: csrfIn(html),
    appPolicy: "self-authorize",
    requireSecretForWebServer: "on",
    requireSecretForRefreshToken: "on",
    accessTokenMinutes: "120",
    appScopes: "api",
  })

  it("F-122 offers Enable Client Credentials Flow (off) and a Run-As user (none), saves an active user, and the flow then works", async () => {
    const { b, html } = await settingsAsAdmin()
    expect(html).toMatch(
      /name="clientCredentialsEnabled" value="on"> Enable Client Credentials Flow/,
    )
    expect(html).toMatch(/<option value="" selected>None<\/option>/)
    expect(html).toContain(`${INACTIVE.Username} (inactive)`)
    const saved = await b.post("/settings", {
      ...keep(html),
      clientCredentialsEnabled: "on",
      runAsUserId: ADMIN.Id,
    })
    expect(saved.headers.get("location")).toBe("/settings?done=saved")
    const after = await (await b.get("/settings")).text()
    expect(after).toMatch(/name="clientCredentialsEnabled" value="on" checked>/)
    expect(after).toContain(`<option value="${ADMIN.Id}" selected>${ADMIN.Username}</option>`)
    expect((await tokenRequest("basic")).status).toBe(200)
  })

  it("F-122 refuses an inactive Run-As user: the previous one stays, and the page says why", async () => {
    const { b, html } = await settingsAsAdmin()
    await b.post("/settings", {
      ...keep(html),
      clientCredentialsEnabled: "on",
      runAsUserId: ADMIN.Id,
    })
    const refused = await b.post("/settings", {
      ...keep(html),
      clientCredentialsEnabled: "on",
      runAsUserId: INACTIVE.Id,
    })
    expect(refused.headers.get("location")).toBe("/settings?done=run-as-refused")
    const page = await (await b.get("/settings?done=run-as-refused")).text()
    expect(page).toContain("it must be an active user")
    expect(page).toContain(`<option value="${ADMIN.Id}" selected>`)
    expect((await tokenRequest("body")).status).toBe(200)
  })
})
