// Over 200 lines: the import's round trip and every hostile zip side by side, against one org.
import { strToU8, zipSync } from "fflate"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { getAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { getApp } from "@/lib/emulator/store/apps"
import { resetOrg } from "@/lib/emulator/store/reset"
import { getClientCredentialsSettings } from "@/lib/emulator/store/client-credentials"
import { isDeviceFlowEnabled } from "@/lib/emulator/store/device-settings"
import { getAppPolicies } from "@/lib/emulator/store/app-policies"
import { DEFAULT_SETTINGS, getSettings } from "@/lib/emulator/store/settings"
import { USERS } from "@/lib/emulator/seed/records"
import { ecaProjectFiles, ECA_PROJECT_DIR } from "@/lib/salesforce/eca/generate"
import { buildZip } from "@/lib/salesforce/eca/zip"
import { ecaChoicesFrom, ecaPoliciesFor } from "@/lib/setup/eca/choices"
import { csrfIn } from "../../_helpers/browser"
import { createTestOrg, jsonOf, UA_CALLBACK, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"
import { fakePkcs8 } from "../../_helpers/pem"
import { RawBrowser } from "../../_helpers/raw-browser"

const MY_DOMAIN = "http://org.test"
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!

let t: TestOrg
let admin: RawBrowser
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: MY_DOMAIN, loginHostUrl: "http://login.org.test" })
  admin = new RawBrowser(t)
  await admin.logIn({ username: "admin@example.com", password: "admin1234" })
})
afterEach(() => t.close())

/** The zip /setup makes for `query`, with this org's callbacks and app certificate. */
function zipFor(query: string, extra: Record<string, string> = {}): Uint8Array {
  const policies = ecaPoliciesFor(ecaChoicesFrom(new URLSearchParams(query)), {
    callbacks: { webServer: WEB_CALLBACK, userAgent: UA_CALLBACK },
    scopes: ["api", "refresh_token", "openid"],
    certificatePem: t.org.credentials.certificatePem,
  })
  const files = ecaProjectFiles(policies)
  for (const [k, v] of Object.entries(extra)) files.set(k, v)
  return buildZip(ECA_PROJECT_DIR, files)
}

/** Posts `zip` from the settings page as a browser's multipart form does. */
async function upload(zip: Uint8Array | undefined, opts: { csrf?: string } = {}) {
  const csrf = opts.csrf ?? csrfIn(await (await admin.send("/settings")).text())
  const form = new FormData()
  form.set("_csrf", csrf)
  if (zip) form.set("zip", new Blob([zip as BlobPart], { type: "application/zip" }), "eca.zip")
  return t.call("/settings/eca-import", {
    method: "POST",
    body: form,
    headers: { cookie: admin.cookie(), origin: MY_DOMAIN },
  })
}

const QUERY =
  "flow=web-server&flow=jwt-bearer&flow=client-credentials&flow=refresh&contactEmail=dev%40example.com&runAs=admin%40example.com&pkce=on&secretRefresh=on&rotation=on&permittedUsers=AdminApprovedPreAuthorized&refreshPolicy=SpecificInactivity&refreshPeriod=2&refreshUnit=Hours&ipRelaxation=Bypass&highAssurance=on"

describe("importing External Client App metadata into the embedded org", () => {
  it("F-204 F-206 the zip /setup generates gives the org the policies its files declare, and lists the ones it does not model", async () => {
    const res = await upload(zipFor(QUERY))
    expect(res.status).toBe(200)
    const page = await res.text()
    expect(page).toContain("Imported <strong>Salesforce_OAuth_Lab</strong> from 4 metadata files")
    expect(page).toContain("IP Relaxation: Bypass")
    expect(page).toContain("High Assurance session required: on")
    const db = t.org.ctx.db
    const id = t.org.credentials.clientId
    const s = getSettings(db)
    expect(s.requirePkce).toBe(true)
    expect(s.refreshTokenRotation).toBe(true)
    expect(s.appPolicy).toBe("admin-approved")
    expect(s.refreshTokenPolicy).toBe("expire-unused")
    expect(s.refreshTokenPolicyMinutes).toBe(120)
    expect(s.appScopes.sort()).toEqual(["api", "offline_access", "openid", "refresh_token"])
    expect(getAppSecretSettings(db, id)).toEqual({
      requireSecretForWebServer: false,
      requireSecretForRefreshToken: true,
    })
    expect(getClientCredentialsSettings(db, id)).toEqual({ enabled: true, runAsUserId: ADMIN.Id })
    expect(isDeviceFlowEnabled(db, id)).toBe(false)
    expect(getAppPolicies(db, id)).toMatchObject({ ipRelaxation: "relax", highAssurance: true })
    expect(getApp(db, id)!.callbackUrls).toEqual([WEB_CALLBACK])
    expect(getApp(db, id)!.certificatePem.trim()).toBe(t.org.credentials.certificatePem.trim())
    // A restart keeps the import; "Reset the org" brings back the site's own callbacks.
    await t.restart()
    expect(getApp(t.org.ctx.db, id)!.callbackUrls).toEqual([WEB_CALLBACK])
    expect(getSettings(t.org.ctx.db).requirePkce).toBe(true)
    resetOrg(t.org.ctx.db)
    expect(getApp(t.org.ctx.db, id)!.callbackUrls).toEqual([WEB_CALLBACK, UA_CALLBACK])
  })

  it("F-204 a flow the import turned off or on behaves accordingly: PKCE required, Device off, Client Credentials on", async () => {
    const id = t.org.credentials.clientId
    const authorize = (extra = "") =>
      t.call(
        `/services/oauth2/authorize?response_type=code&client_id=${id}&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&state=s${extra}`,
      )
    // Before: no PKCE needed, so the org sends the browser to log in.
    expect((await authorize()).headers.get("location")).not.toContain("code+challenge")
    expect((await upload(zipFor(QUERY))).status).toBe(200)
    const refused = (await authorize()).headers.get("location") ?? ""
    expect(refused).toContain("error=invalid_request")
    expect(refused).toContain("missing+required+code+challenge")
    const device = await t.call("/services/oauth2/token", {
      form: { response_type: "device_code", client_id: id, scope: "api" },
    })
    expect(await jsonOf(device)).toMatchObject({
      error: "invalid_grant",
      error_description: "device flow is not enabled for the app",
    })
    const cc = await t.call("/services/oauth2/token", {
      form: {
        grant_type: "client_credentials",
        client_id: id,
        client_secret: t.org.credentials.clientSecret,
      },
    })
    expect(cc.status).toBe(200)
  })

  it("F-205 a Run-As user the org would refuse is reported, and the rest still applies", async () => {
    const res = await upload(zipFor(QUERY.replace("admin%40example.com", "inactive%40example.com")))
    const page = await res.text()
    expect(res.status).toBe(200)
    expect(page).toMatch(
      /Refused<\/h2>\s*<ul><li>Client Credentials Run As inactive@example.com: The Run-As user must be an active user/,
    )
    expect(getClientCredentialsSettings(t.org.ctx.db, t.org.credentials.clientId).runAsUserId).toBe(
      undefined,
    )
    expect(getSettings(t.org.ctx.db).requirePkce).toBe(true)
  })
})

/** The settings are untouched and the page says why, with a 4xx (never a 500). */
async function expectRefused(res: Response, status: number, why: RegExp) {
  expect(res.status).toBe(status)
  const page = await res.text()
  expect(page).toMatch(why)
  expect(page).toContain("Nothing was changed")
  expect(getSettings(t.org.ctx.db)).toEqual(DEFAULT_SETTINGS)
}

describe("S-260 S-261 S-262 S-263 hostile zips are refused", () => {
  it("S-261 a zip bomb (a few KB that expand to megabytes) is refused while inflating", async () => {
    const bomb = zipSync({ "a/externalClientApps/x.eca-meta.xml": new Uint8Array(8 << 20) })
    expect(bomb.byteLength).toBeLessThan(64 * 1024)
    await expectRefused(await upload(bomb), 400, /possible zip bomb/)
  })

  it("S-261 more than 256 KB, or more than 64 entries, is refused", async () => {
    const big = new Uint8Array(300 * 1024).map((_, i) => (i * 7919) % 251)
    await expectRefused(await upload(zipSync({ x: big }, { level: 0 })), 413, /larger than 256 KB/)
    const many: Record<string, Uint8Array> = {}
    for (let i = 0; i < 80; i++) many[`f${i}.txt`] = strToU8("x")
    await expectRefused(await upload(zipSync(many)), 400, /more than 64 entries/)
  })

  it("S-262 an entry whose path climbs out (../) or is absolute is ignored, never taken for the app", async () => {
    const zip = zipSync({
      "../externalClientApps/Evil.eca-meta.xml": strToU8("<x/>"),
      "/abs/externalClientApps/Evil.eca-meta.xml": strToU8("<x/>"),
    })
    await expectRefused(await upload(zip), 400, /No External Client App found/)
    const ok = await upload(
      zipFor(QUERY, { "../../externalClientApps/Other.eca-meta.xml": "<x/>" }),
    )
    const page = await ok.text()
    expect(page).toContain("Salesforce_OAuth_Lab")
    expect(page).toContain(
      "../../externalClientApps/Other.eca-meta.xml: unsafe or unsupported zip entry",
    )
  })

  it("S-260 a DOCTYPE or entity (XXE) in a metadata file is refused before parsing", async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><ExternalClientApplication xmlns="http://soap.sforce.com/2006/04/metadata"><label>&e;</label></ExternalClientApplication>`
    const zip = zipSync({
      "p/force-app/main/default/externalClientApps/A.eca-meta.xml": strToU8(xxe),
    })
    await expectRefused(await upload(zip), 400, /DOCTYPE or entity declaration is not allowed/)
    const malformed = zipSync({
      "p/externalClientApps/A.eca-meta.xml": strToU8("<ExternalClientApplication><label>"),
    })
    await expectRefused(await upload(malformed), 400, /not well-formed XML/)
  })

  it("S-263 a file that is not a zip, an empty upload, or a private key in the certificate element is refused", async () => {
    await expectRefused(await upload(strToU8("<html>not a zip</html>")), 400, /not a zip file/)
    await expectRefused(await upload(undefined), 400, /Choose the zip file/)
    const files = ecaProjectFiles(
      ecaPoliciesFor(ecaChoicesFrom(new URLSearchParams("flow=jwt-bearer&contactEmail=a%40b.c")), {
        callbacks: { webServer: WEB_CALLBACK, userAgent: UA_CALLBACK },
        scopes: ["api"],
        certificatePem: fakePkcs8("AAAA"),
      }),
    )
    await expectRefused(await upload(buildZip("p", files)), 400, /certificate holds a private key/)
  })

  it("S-264 only an administrator's same-origin post with the page's CSRF token imports", async () => {
    const zip = zipFor(QUERY)
    const stranger = new RawBrowser(t)
    await stranger.logIn({ username: "demo@example.com", password: "demo1234" })
    const form = new FormData()
    form.set("zip", new Blob([zip as BlobPart]), "eca.zip")
    const asDemo = await t.call("/settings/eca-import", {
      method: "POST",
      body: form,
      headers: { cookie: stranger.cookie(), origin: MY_DOMAIN },
    })
    expect(asDemo.status).toBe(403)
    expect((await upload(zip, { csrf: "forged" })).status).toBe(403)
    const foreign = await t.call("/settings/eca-import", {
      method: "POST",
      body: form,
      headers: { cookie: admin.cookie(), origin: "http://evil.test" },
    })
    expect(foreign.status).toBe(403)
    expect(getSettings(t.org.ctx.db)).toEqual(DEFAULT_SETTINGS)
  })
})
