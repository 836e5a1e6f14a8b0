// Over 200 lines: one suite for the org's durable state and its settings page, sharing helpers.
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { afterEach, describe, expect, it } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import { callbackParams, csrfIn, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"
import { otherPrivateKeyPem } from "../../_helpers/assertions"

let t: TestOrg | undefined
afterEach(() => t?.close())

async function approvedTokens(org: TestOrg, b = new TestBrowser(org)) {
  const run = await runAuthorize(b, org, {
    response_type: "code",
    client_id: org.org.credentials.clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token",
  })
  const c = callbackParams(run.location!).get("code")!
  const { clientId, clientSecret } = org.org.credentials
  const res = await org.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code: c,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: WEB_CALLBACK,
    },
  })
  return { code: c, body: await jsonOf(res) }
}

describe("the org's keys and app on first run", () => {
  it("generates the app's consumer key, secret, key and certificate into the data folder once, and keeps them", async () => {
    t = await createTestOrg({ freshKeys: true })
    const dir = path.join(t.dataDir, "connected-app")
    expect(fs.readdirSync(dir).sort()).toEqual(["credentials.json", "server.crt", "server.key"])
    const { clientId, clientSecret, privateKeyPem, certificatePem } = t.org.credentials
    expect(clientId).toMatch(/^3MVG9[\w.]{80}$/)
    expect(clientSecret).toMatch(/^[0-9A-F]{64}$/)
    const cert = new crypto.X509Certificate(certificatePem)
    expect(cert.checkPrivateKey(crypto.createPrivateKey(privateKeyPem))).toBe(true)
    expect(fs.statSync(path.join(dir, "server.key")).mode & 0o077).toBe(0)
    const kid = t.org.ctx.signingKey.kid
    await t.restart()
    expect(t.org.credentials.clientId).toBe(clientId)
    expect(t.org.ctx.signingKey.kid).toBe(kid)
  })

  it("registers the app with exactly the operator's credentials when they are given", async () => {
    const pem = otherPrivateKeyPem()
    t = await createTestOrg({
      app: { clientId: "3MVG9KnownClient", clientSecret: "KNOWN-SECRET", privateKeyPem: pem },
    })
    expect(t.org.credentials.clientId).toBe("3MVG9KnownClient")
    const cert = new crypto.X509Certificate(t.org.credentials.certificatePem)
    expect(cert.checkPrivateKey(crypto.createPrivateKey(pem))).toBe(true)
    expect(fs.existsSync(path.join(t.dataDir, "connected-app"))).toBe(false)
    const { body } = await approvedTokens(t)
    expect(body.signature).toBe(
      responseSignature("KNOWN-SECRET", String(body.id), String(body.issued_at)),
    )
  })
})

describe("state survives a restart", () => {
  it("R-06 approvals, live refresh tokens, revocations and used codes persist across a restart", async () => {
    t = await createTestOrg()
    const { clientId, clientSecret } = t.org.credentials
    const first = await approvedTokens(t)
    const second = await approvedTokens(t)
    await t.call("/services/oauth2/revoke", { form: { token: String(second.body.refresh_token) } })
    await t.restart()
    const refresh = (rt: unknown) =>
      t!.call("/services/oauth2/token", {
        form: {
          grant_type: "refresh_token",
          refresh_token: String(rt),
          client_id: clientId,
          client_secret: clientSecret,
        },
      })
    expect((await refresh(first.body.refresh_token)).status).toBe(200)
    expect(await jsonOf(await refresh(second.body.refresh_token))).toEqual({
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
    const reused = await t.call("/services/oauth2/token", {
      form: {
        grant_type: "authorization_code",
        code: first.code,
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uri: WEB_CALLBACK,
      },
    })
    expect(await jsonOf(reused)).toEqual({
      error: "invalid_grant",
      error_description: "expired authorization code",
    })
  })

  it("a sixth approval revokes the oldest refresh token, as Salesforce limits approvals to five per user", async () => {
    t = await createTestOrg()
    const tokens = []
    for (let i = 0; i < 6; i++) tokens.push((await approvedTokens(t)).body.refresh_token)
    const { clientId, clientSecret } = t.org.credentials
    const refresh = (rt: unknown) =>
      t!.call("/services/oauth2/token", {
        form: {
          grant_type: "refresh_token",
          refresh_token: String(rt),
          client_id: clientId,
          client_secret: clientSecret,
        },
      })
    expect((await refresh(tokens[0])).status).toBe(400)
    expect((await refresh(tokens[1])).status).toBe(200)
    expect((await refresh(tokens[5])).status).toBe(200)
  })
})

describe("org settings page", () => {
  async function settingsAs(username: string, password: string) {
    const b = new TestBrowser(t!)
    const first = await b.get("/settings")
    expect(first.status).toBe(302)
    const login = await b.get(first.headers.get("location")!.replace("/emulator", ""))
    const html = await login.text()
    const startURL = /name="startURL" value="([^"]*)"/.exec(html)![1]!
    const posted = await b.post("/login", { _csrf: csrfIn(html), startURL, username, password })
    expect(posted.headers.get("location")).toBe("/emulator/settings")
    return { b, page: await b.get("/settings") }
  }

  it("is for administrators only", async () => {
    t = await createTestOrg()
    const { page } = await settingsAs("demo@example.com", "demo1234")
    expect(page.status).toBe(403)
    expect(await page.text()).toContain("Insufficient Privileges")
  })

  it("F-10 F-11 shows Require Secret for the Web Server and Refresh Token flows, on by default, and saves them", async () => {
    t = await createTestOrg()
    const { b, page } = await settingsAs("admin@example.com", "admin1234")
    const html = await page.text()
    expect(html).toMatch(
      /name="requireSecretForWebServer" value="on" checked> Require Secret for Web Server Flow/,
    )
    expect(html).toMatch(
      /name="requireSecretForRefreshToken" value="on" checked> Require Secret for Refresh Token Flow/,
    )
    const saved = await b.post("/settings", {
      _csrf: csrfIn(html),
      appPolicy: "self-authorize",
      requireSecretForRefreshToken: "on",
      accessTokenMinutes: "120",
      appScopes: "api",
    })
    expect(saved.headers.get("location")).toBe("/emulator/settings?done=saved")
    const after = await (await b.get("/settings?done=saved")).text()
    expect(after).toMatch(/name="requireSecretForWebServer" value="on">/)
    expect(after).toMatch(/name="requireSecretForRefreshToken" value="on" checked>/)
    const { getAppSecretSettings } = await import("@/lib/emulator/store/app-settings")
    expect(getAppSecretSettings(t.org.ctx.db, t.org.credentials.clientId)).toEqual({
      requireSecretForWebServer: false,
      requireSecretForRefreshToken: true,
    })
  })

  it("flips policies, lists and revokes approvals, refuses a post without CSRF token, and resets the org", async () => {
    t = await createTestOrg()
    const { body } = await approvedTokens(t)
    const { b, page } = await settingsAs("admin@example.com", "admin1234")
    const html = await page.text()
    expect(html).toContain("demo@example.com")
    const csrf = csrfIn(html)

    const forged = await b.post("/settings", { requirePkce: "on", appPolicy: "admin-approved" })
    expect(forged.status).toBe(403)

    const saved = await b.post("/settings", {
      _csrf: csrf,
      appPolicy: "admin-approved",
      requirePkce: "on",
      accessTokenMinutes: "15",
      appScopes: "api",
    })
    expect(saved.headers.get("location")).toBe("/emulator/settings?done=saved")
    const after = await (await b.get("/settings?done=saved")).text()
    expect(after).toMatch(/id="policy-admin" name="appPolicy" value="admin-approved" checked/)
    expect(after).toMatch(/name="requirePkce" value="on" checked/)
    expect(after).toContain('<option value="15" selected>')

    const approvalId = /name="approval" value="([^"]+)"/.exec(after)![1]!
    await b.post("/settings/approvals/revoke", { _csrf: csrf, approval: approvalId })
    const limits = await t.call("/services/data/v66.0/limits", {
      headers: { authorization: `Bearer ${body.access_token}` },
    })
    expect(limits.status).toBe(401)

    await b.post("/settings/reset", { _csrf: csrf })
    const reset = await (await b.get("/settings")).text()
    expect(reset).toMatch(/id="policy-self" name="appPolicy" value="self-authorize" checked/)
    expect(reset).toContain("No user has approved the app yet.")
  })
})
