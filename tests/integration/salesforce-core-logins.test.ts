// Over 200 lines: one suite, @salesforce/core's other logins and the org commands against one server.
import fs from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type * as SfCore from "@salesforce/core"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { JWT_GRANT, signAssertion, standardClaims } from "../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../_helpers/browser"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"
import { sfCoreInTempHome } from "../_helpers/sf-core"

/**
 * @salesforce/core 8.32.6 logging in to the embedded org at a root origin, over a real loopback
 * socket, the ways the `sf` CLI does: `org login access-token`, `org login web` (the built-in
 * PlatformCLI app, PKCE, no secret), and then `Org.create`, the Dev Hub check and `org open`'s
 * frontdoor URL.
 */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const DEMO = USERS.find((u) => u.Username === "demo@example.com")!

let sf: typeof SfCore
let restore: () => void
let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
/** What sf core asked the org for, in order: `METHOD path?query`. */
const requests: string[] = []

beforeAll(async () => {
  ;({ sf, restore } = await sfCoreInTempHome())
  server = await serve(async (req) => {
    const url = new URL(req.url)
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    return t.org.handle(req)
  })
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
})

afterAll(async () => {
  await server?.close()
  t?.close()
  if (t) fs.rmSync(t.dataDir, { recursive: true, force: true })
  restore?.()
})

/** An access token for the preauthorized admin from the site's app (JWT bearer, over HTTP). */
async function adminAccessToken(): Promise<string> {
  const { clientId, privateKeyPem } = t.org.credentials
  const assertion = await signAssertion(
    privateKeyPem,
    standardClaims(clientId, t.base, "admin@example.com", Date.now()),
  )
  const res = await fetch(`${t.base}/services/oauth2/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: JWT_GRANT, assertion }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { access_token: string }).access_token
}

describe("@salesforce/core access-token login (sf org login access-token)", () => {
  it("finds the username through userinfo and the User record at the instance", async () => {
    const accessToken = await adminAccessToken()
    requests.length = 0
    // What `sf org login access-token --instance-url <org>` does (plugin-auth): no username given.
    const authInfo = await sf.AuthInfo.create({
      accessTokenOptions: { accessToken, instanceUrl: t.base, loginUrl: t.base },
    })
    expect(requests.slice(0, 2)).toEqual([
      "GET /services/oauth2/userinfo",
      `GET /services/data/v51.0/sobjects/User/${ADMIN.Id}`,
    ])
    const fields = authInfo.getFields(true)
    expect(fields.username).toBe("admin@example.com")
    expect(fields.orgId).toBe(ORG.Id)
    expect(fields.instanceUrl).toBe(t.base)
    expect(fields.accessToken).toBe(accessToken)

    const conn = await sf.Connection.create({ authInfo })
    const res = await conn.query<{ Username: string }>(
      "SELECT Username FROM User WHERE IsActive = true",
    )
    expect(res.records.map((r) => r.Username)).toContain("admin@example.com")
  })

  it("takes a bare access token as the username, as sf commands given one do", async () => {
    const accessToken = await adminAccessToken()
    const authInfo = await sf.AuthInfo.create({
      username: accessToken,
      accessTokenOptions: { accessToken, instanceUrl: t.base, loginUrl: t.base },
    })
    expect(authInfo.getFields(true).orgId).toBe(ORG.Id.slice(0, 15))
    const conn = await sf.Connection.create({ authInfo })
    expect((await conn.identity()).username).toBe("admin@example.com")
  })

  it("reports the org's 403 for a dead token as sf core's username retrieval error", async () => {
    const err = await sf.AuthInfo.create({
      accessTokenOptions: { accessToken: "00Dbogus!token", instanceUrl: t.base, loginUrl: t.base },
    }).catch((e: unknown) => e)
    expect((err as Error).name).toBe("AuthCodeUsernameRetrievalError")
    expect((err as Error).message).toContain("Bad_OAuth_Token")
  })
})

/** sf core's WebOAuthServer for a login to the org, and the authorize URL it would open. */
async function webLogin() {
  const server = await sf.WebOAuthServer.create({ oauthConfig: { loginUrl: t.base } })
  // What AuthInfo.create gets once the callback arrives (WebOAuthServer.executeOauthRequest).
  const { oauthConfig, oauth2 } = server as unknown as {
    oauthConfig: SfCore.OAuth2Config
    oauth2: NonNullable<ConstructorParameters<typeof SfCore.AuthInfo>[0]>["oauth2"]
  }
  return { oauthConfig, oauth2, authorizeUrl: new URL(server.getAuthorizationUrl()) }
}

describe("sf org login web: the built-in PlatformCLI app", () => {
  it("F-100 F-111 sends sf's own authorize request through the login page and exchanges the code with sf core", async () => {
    // sf's own web login server, built as `sf org login web --instance-url <org>` builds it (its
    // port 1717 is never opened: the test plays the browser and the callback).
    const { oauthConfig, oauth2, authorizeUrl } = await webLogin()
    expect(`${authorizeUrl.origin}${authorizeUrl.pathname}`).toBe(
      `${t.base}/services/oauth2/authorize`,
    )
    const params = Object.fromEntries(authorizeUrl.searchParams)
    expect(params).toMatchObject({
      response_type: "code",
      client_id: "PlatformCLI",
      redirect_uri: "http://localhost:1717/OauthRedirect",
      prompt: "login",
      scope: "refresh_token api web",
    })
    expect(params.state).toMatch(/^[0-9a-f]{12}$/)
    expect(params.code_challenge).toMatch(/^[\w-]{43}$/)
    expect(params).not.toHaveProperty("client_secret")

    const run = await runAuthorize(new TestBrowser(t), t, params)
    expect(run.sawLogin).toBe(true)
    // Nobody is pre-authorized for the CLI: the user allows it, as on a real org.
    expect(run.sawConsent).toBe(true)
    expect(run.location?.startsWith("http://localhost:1717/OauthRedirect?")).toBe(true)
    const cb = callbackParams(run.location!)
    expect(cb.get("state")).toBe(params.state)

    requests.length = 0
    const authInfo = await sf.AuthInfo.create({
      oauth2Options: { ...oauthConfig, authCode: cb.get("code")! },
      oauth2,
    })
    const token = requests.find((r) => r.startsWith("POST /services/oauth2/token"))
    expect(token).toBeDefined()
    expect(requests).toContain("GET /services/oauth2/userinfo")
    const fields = authInfo.getFields(true)
    expect(fields).toMatchObject({
      username: "demo@example.com",
      orgId: ORG.Id,
      instanceUrl: t.base,
      loginUrl: t.base,
      clientId: "PlatformCLI",
    })
    expect(fields.refreshToken).toBeTruthy()
    await authInfo.save()

    // The saved login works, and refreshing needs no secret: a public client with PKCE.
    const conn = await sf.Connection.create({
      authInfo: await sf.AuthInfo.create({ username: "demo@example.com" }),
    })
    expect((await conn.identity()).user_id).toBe(DEMO.Id)
    const refreshed = await sf.AuthInfo.create({
      oauth2Options: {
        refreshToken: fields.refreshToken!,
        clientId: "PlatformCLI",
        loginUrl: t.base,
      },
    })
    expect(refreshed.getFields(true).username).toBe("demo@example.com")
    expect(refreshed.getFields(true).accessToken).not.toBe(fields.accessToken)
  })

  it("F-100 refuses a wrong PKCE verifier and any client secret for PlatformCLI", async () => {
    const { oauthConfig, authorizeUrl } = await webLogin()
    const params = Object.fromEntries(authorizeUrl.searchParams)
    const run = await runAuthorize(new TestBrowser(t), t, params)
    const code = callbackParams(run.location!).get("code")!
    // Another login's OAuth2, so another code verifier.
    const other = await webLogin()
    const err = await sf.AuthInfo.create({
      oauth2Options: { ...oauthConfig, authCode: code },
      oauth2: other.oauth2,
    }).catch((e: unknown) => e)
    expect((err as Error).name).toBe("AuthCodeExchangeError")
    expect((err as Error).message).toContain("invalid_grant::invalid code verifier")

    const res = await fetch(`${t.base}/services/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        refresh_token: "5Aep861bogus",
        client_id: "PlatformCLI",
        client_secret: "anything",
      }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: "invalid_client" })
  })
})

describe("Org.create, the Dev Hub check and frontdoor (sf org open)", () => {
  // `sf org login jwt` once; each test opens the saved org as `--target-org` does.
  beforeAll(async () => {
    const file = `${t.dataDir}/sf-core.key`
    fs.writeFileSync(file, t.org.credentials.privateKeyPem, { mode: 0o600 })
    // The access-token login above saved admin@example.com without a JWT key: start again.
    const state = await sf.StateAggregator.getInstance()
    if (await state.orgs.exists("admin@example.com")) await state.orgs.remove("admin@example.com")
    await sf.AuthInfo.create({
      username: "admin@example.com",
      oauth2Options: { clientId: t.org.credentials.clientId, loginUrl: t.base, privateKey: file },
    })
  })
  const adminOrg = () => sf.Org.create({ aliasOrUsername: "admin@example.com" })

  it("F-109 Org.create reads the org, and determineIfDevHubOrg answers false from the ScratchOrgInfo query", async () => {
    const org = await adminOrg()
    expect(org.getOrgId()).toBe(ORG.Id)
    expect(org.getUsername()).toBe("admin@example.com")
    requests.length = 0
    expect(await org.determineIfDevHubOrg(true)).toBe(false)
    const probe = requests.find((r) => decodeURIComponent(r).includes("FROM ScratchOrgInfo"))
    expect(probe).toBeDefined()
    expect(org.isDevHubOrg()).toBe(false)
    // The org answers the probe as a non-Dev Hub org does: INVALID_TYPE, not a server error.
    const conn = org.getConnection()
    await expect(conn.query("SELECT Id FROM ScratchOrgInfo limit 1")).rejects.toMatchObject({
      errorCode: "INVALID_TYPE",
    })
  })

  it("F-101 F-102 getFrontDoorUrl lands on an org page that says who is logged in, once", async () => {
    const org = await adminOrg()
    requests.length = 0
    const frontdoor = await org.getFrontDoorUrl()
    expect(requests).toContain("GET /services/oauth2/singleaccess")
    expect(frontdoor.startsWith(`${t.base}/secur/frontdoor.jsp?otp=`)).toBe(true)

    const landing = await fetch(frontdoor, { redirect: "manual" })
    expect(landing.status).toBe(302)
    expect(landing.headers.get("location")).toBe("/")
    const sid = landing.headers.getSetCookie().find((c) => c.startsWith("sid="))!
    expect(sid).toMatch(/HttpOnly/i)
    const home = await fetch(`${t.base}/`, { headers: { cookie: sid.split(";")[0]! } })
    expect(await home.text()).toContain("You are logged in as <code>admin@example.com</code>")

    // One use only: the same URL again goes to the login page.
    const again = await fetch(frontdoor, { redirect: "manual" })
    expect(again.headers.get("location")).toBe("/login")
    expect(again.headers.getSetCookie()).toEqual([])

    // `sf org open --path` passes a redirect: the frontdoor URL keeps it and lands there.
    const toSettings = await org.getFrontDoorUrl("/settings")
    expect(new URL(toSettings).searchParams.get("startURL")).toBe("/settings")
    const landed = await fetch(toSettings, { redirect: "manual" })
    expect(landed.headers.get("location")).toBe("/settings")
  })

  it("F-102 the older sid= frontdoor URL of AuthInfo opens a session too", async () => {
    const org = await adminOrg()
    const url = org.getConnection().getAuthInfo().getOrgFrontDoorUrl()
    expect(url.startsWith(`${t.base}/secur/frontdoor.jsp?sid=`)).toBe(true)
    const landing = await fetch(url, { redirect: "manual" })
    expect(landing.headers.get("location")).toBe("/")
    expect(landing.headers.getSetCookie().some((c) => c.startsWith("sid="))).toBe(true)
  })
})
