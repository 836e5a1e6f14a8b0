// Over 200 lines: one suite per app policy (installation, API Access Control, PKCE, Permitted Users), side by side.
import crypto from "node:crypto"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DEMO_USERS } from "@/lib/emulator/seed/records"
import { applyOrgPatch } from "@/lib/emulator/store/org-patch"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { adminBrowser } from "../../_helpers/org-admin"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const DEMO = { username: "demo@example.com", password: "demo1234" }
const ADMIN = { username: "admin@example.com", password: "admin1234" }
const DEMO_ID = DEMO_USERS[0]!.Id
const GENERIC =
  "OAUTH_APPROVAL_ERROR_GENERIC : An unexpected error has occured during authentication. Please try again."
const patch = (p: Parameters<typeof applyOrgPatch>[2], clientId = t.org.credentials.clientId) =>
  applyOrgPatch(t.org.ctx.db, clientId, p)

const verifier = crypto.randomBytes(32).toString("base64url")
const challenge = crypto.createHash("sha256").update(verifier).digest("base64url")
const authParams = (extra: Record<string, string> = {}) => ({
  response_type: "code",
  client_id: t.org.credentials.clientId,
  redirect_uri: WEB_CALLBACK,
  scope: "api refresh_token",
  state: "st-1",
  code_challenge: challenge,
  ...extra,
})

/** Logs in and authorizes; then asks once more with the session, to read where the org sends the browser. */
async function authorizeAs(user = DEMO, params: Record<string, string> = authParams()) {
  const b = new TestBrowser(t)
  const run = await runAuthorize(b, t, params, user)
  const again = await b.get(`/services/oauth2/authorize?${new URLSearchParams(params)}`)
  return { run, location: again.headers.get("location") ?? "" }
}

const jwtFor = async (username: string) =>
  t.call("/services/oauth2/token", {
    form: {
      grant_type: JWT_GRANT,
      assertion: await signAssertion(
        t.org.credentials.privateKeyPem,
        standardClaims(t.org.credentials.clientId, t.base, username, t.clock.now()),
      ),
    },
  })

describe("the uninstalled-app block (September 2025)", () => {
  it("F-170 the site's app is installed; uninstalled, a user without Approve Uninstalled Connected Apps lands on OAUTH_APPROVAL_ERROR_GENERIC, and installing or the permission lifts it", async () => {
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()

    // The admin uninstalls the app and takes the permission from demo, on the settings page.
    const { b, csrf, html } = await adminBrowser(t)
    expect(html).toContain('id="installed" name="installed" value="on" checked')
    const saved = await b.post("/settings/policies", {
      _csrf: csrf,
      ipRelaxation: "enforce",
      apiAccessAllowed: "on",
    })
    expect(saved.headers.get("location")).toBe("/emulator/settings?done=policies")
    const users = await b.post("/settings/users", {
      _csrf: csrf,
      user: DEMO_ID,
      [`apiEnabled:${DEMO_ID}`]: "on",
      [`loginIpRanges:${DEMO_ID}`]: "",
    })
    expect(users.headers.get("location")).toBe("/emulator/settings?done=users")

    const blocked = await authorizeAs()
    expect(blocked.run.location).toBeUndefined()
    expect(await blocked.run.response.text()).toContain(GENERIC)
    expect(blocked.location).toBe(
      "/emulator/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client&error_description=app+must+be+installed+into+org",
    )
    // The admin keeps the permission (System Administrator profile) and still gets through.
    expect(callbackParams((await authorizeAs(ADMIN)).run.location!).get("code")).toBeTruthy()

    patch({ users: { [DEMO.username]: { approveUninstalledApps: true } } })
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()
    patch({
      users: { [DEMO.username]: { approveUninstalledApps: false } },
      app: { installed: true },
    })
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()
  })

  it("F-170 S-240 the error page shows only its own words, never the query's", async () => {
    const res = await t.call(
      "/setup/secur/RemoteAccessErrorPage.apexp?error=invalid_client&error_description=Call%200800-SCAM",
    )
    const text = await res.text()
    expect(text).toContain(GENERIC)
    expect(text).not.toContain("SCAM")
  })

  it("F-171 with API Access Control on, only Use Any API Client lifts the block; Approve Uninstalled Connected Apps alone does not", async () => {
    patch({
      settings: { apiAccessControl: true },
      app: { installed: false, apiAccessAllowed: true },
    })
    const blocked = await authorizeAs()
    expect(blocked.location).toContain(
      "error=invalid_client&error_description=app+must+be+installed+into+org",
    )
    patch({ users: { [DEMO.username]: { useAnyApiClient: true } } })
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()
  })

  it("F-172 the Salesforce CLI's app is uninstalled and its Device flow is blocked", async () => {
    const cli = {
      response_type: "code",
      client_id: "PlatformCLI",
      redirect_uri: "http://localhost:1717/OauthRedirect",
      scope: "refresh_token api web",
      state: "cli",
      code_challenge: challenge,
    }
    patch({ users: { [DEMO.username]: { approveUninstalledApps: false } } })
    expect((await authorizeAs(DEMO, cli)).location).toContain("error=invalid_client")
    patch({ app: { installed: true } }, "PlatformCLI")
    const ok = await authorizeAs(DEMO, cli)
    expect(callbackParams(ok.run.location!).get("code")).toBeTruthy()

    const device = await t.call("/services/oauth2/token", {
      form: { response_type: "device_code", client_id: "PlatformCLI" },
    })
    expect(device.status).toBe(400)
    expect(await jsonOf(device)).toEqual({
      error: "invalid_grant",
      error_description: "device flow is not enabled for the app",
    })
  })
})

describe("API Access Control", () => {
  it("F-173 an app off the allowlist is blocked at authorize and at the token endpoint; Use Any API Client or the allowlist lets it through", async () => {
    const { b, csrf } = await adminBrowser(t)
    await b.post("/settings/policies", {
      _csrf: csrf,
      apiAccessControl: "on",
      installed: "on",
      ipRelaxation: "enforce",
    })
    const page = await authorizeAs()
    expect(page.location).toBe(
      "/emulator/setup/secur/RemoteAccessErrorPage.apexp?error=OAUTH_APP_BLOCKED&error_description=this+app+is+blocked+by+admin",
    )
    expect(await page.run.response.text()).toContain(
      "OAUTH_APP_BLOCKED : this app is blocked by admin",
    )
    const jwt = await jwtFor(ADMIN.username)
    expect(jwt.status).toBe(400)
    expect(await jsonOf(jwt)).toEqual({
      error: "OAUTH_APP_BLOCKED",
      error_description: "this app is blocked by admin",
    })

    patch({ users: { [ADMIN.username]: { useAnyApiClient: true } } })
    expect((await jwtFor(ADMIN.username)).status).toBe(200)
    patch({
      users: { [ADMIN.username]: { useAnyApiClient: false } },
      app: { apiAccessAllowed: true },
    })
    expect((await jwtFor(ADMIN.username)).status).toBe(200)
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()
  })
})

describe("Require PKCE", () => {
  it("F-174 with Require PKCE on, an authorize request without code_challenge gets invalid_request / missing required code challenge; with one, or with the setting off, it works", async () => {
    const noPkce: Record<string, string> = authParams()
    delete noPkce.code_challenge
    expect(callbackParams((await authorizeAs(DEMO, noPkce)).run.location!).get("code")).toBeTruthy()
    patch({ settings: { requirePkce: true } })
    const refused = callbackParams((await authorizeAs(DEMO, noPkce)).run.location!)
    expect(Object.fromEntries(refused)).toEqual({
      error: "invalid_request",
      error_description: "missing required code challenge",
      state: "st-1",
    })
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()
    patch({ settings: { requirePkce: false } })
    expect(callbackParams((await authorizeAs(DEMO, noPkce)).run.location!).get("code")).toBeTruthy()
  })
})

describe("Permitted Users", () => {
  it("F-175 under Admin approved users are pre-authorized, a user not assigned gets invalid_app_access at authorize and at the token endpoint until assigned", async () => {
    patch({ settings: { appPolicy: "admin-approved" } })
    const cb = callbackParams((await authorizeAs()).run.location!)
    expect(cb.get("error")).toBe("invalid_app_access")
    expect(cb.get("error_description")).toBe("user is not admin approved to access this app")
    const jwt = await jwtFor(DEMO.username)
    expect(await jsonOf(jwt)).toEqual({
      error: "invalid_app_access",
      error_description: "user is not admin approved to access this app",
    })
    patch({ users: { [DEMO.username]: { preauthorized: true } } })
    expect((await jwtFor(DEMO.username)).status).toBe(200)
    expect(callbackParams((await authorizeAs()).run.location!).get("code")).toBeTruthy()
  })
})
