import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import { saveAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { getSettings, saveSettings, type OrgSettings } from "@/lib/emulator/store/settings"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { csrfIn, TestBrowser } from "../../_helpers/browser"
import { basic, createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

const DEMO = USERS.find((u) => u.Username === "demo@example.com")!
const INACTIVE = USERS.find((u) => u.Username === "inactive@example.com")!
const FAILURE = { error: "invalid_grant", error_description: "authentication failure" }

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

const update = (change: Partial<OrgSettings>) =>
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), ...change })
function passwordRequest(
  username: string,
  password: string,
  opts: { secret?: string | null; host?: string } = {},
) {
  const { clientId, clientSecret } = t.org.credentials
  const secret = opts.secret === undefined ? clientSecret : opts.secret
  return t.call(`${opts.host ?? "http://org.test"}/services/oauth2/token`, {
    form: {
      grant_type: "password",
      client_id: clientId,
      ...(secret === null ? {} : { client_secret: secret }),
      username,
      password,
    },
  })
}
async function expectError(res: Response, body: { error: string; error_description: string }) {
  expect(res.status).toBe(400)
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await res.json()).toEqual(body)
}

describe("grant_type=password (the username-password flow)", () => {
  it("F-124 is off by default, as in orgs created since Summer '23, and then answers invalid_grant / authentication failure even for the right password", async () => {
    expect(getSettings(t.org.ctx.db).allowUsernamePasswordFlow).toBe(false)
    await expectError(await passwordRequest(DEMO.Username, DEMO.password), FAILURE)
  })

  it("F-125 F-126 once allowed, issues a signed access token (the password alone, no security token) with no refresh_token and no id_token, at My Domain and at the login host", async () => {
    update({ allowUsernamePasswordFlow: true })
    for (const host of ["http://org.test", "http://login.org.test"]) {
      const res = await passwordRequest(DEMO.Username, DEMO.password, { host })
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
      expect(body.id).toBe(`http://org.test/id/${ORG.Id}/${DEMO.Id}`)
      expect(body.signature).toBe(
        responseSignature(t.org.credentials.clientSecret, String(body.id), String(body.issued_at)),
      )
      expect(String(body.scope).split(" ")).not.toContain("refresh_token")
    }
  })

  it("F-125 a wrong password or an unknown user is the same authentication failure; an inactive user is invalid_grant / inactive user", async () => {
    update({ allowUsernamePasswordFlow: true })
    await expectError(await passwordRequest(DEMO.Username, "wrong-password"), FAILURE)
    await expectError(await passwordRequest("nobody@example.com", "whatever1"), FAILURE)
    await expectError(await passwordRequest(INACTIVE.Username, INACTIVE.password), {
      error: "invalid_grant",
      error_description: "inactive user",
    })
    await expectError(await passwordRequest(DEMO.Username, ""), {
      error: "invalid_request",
      error_description: "username and password must be provided",
    })
  })

  it("F-125 needs the client secret while Require Secret for Web Server Flow is on, and checks a sent one", async () => {
    update({ allowUsernamePasswordFlow: true })
    const bad = { error: "invalid_client", error_description: "invalid client credentials" }
    await expectError(await passwordRequest(DEMO.Username, DEMO.password, { secret: null }), bad)
    await expectError(await passwordRequest(DEMO.Username, DEMO.password, { secret: "wrong" }), bad)
    saveAppSecretSettings(t.org.ctx.db, t.org.credentials.clientId, {
      requireSecretForWebServer: false,
    })
    expect((await passwordRequest(DEMO.Username, DEMO.password, { secret: null })).status).toBe(200)
    const viaBasic = await t.call("/services/oauth2/token", {
      form: { grant_type: "password", username: DEMO.Username, password: DEMO.password },
      headers: {
        authorization: basic(t.org.credentials.clientId, t.org.credentials.clientSecret),
      },
    })
    expect(viaBasic.status).toBe(200)
  })

  it("S-212 wrong passwords at the token endpoint lock the user as the login page does: then even the right one fails", async () => {
    update({ allowUsernamePasswordFlow: true, maxLoginAttempts: 3 })
    for (let i = 0; i < 3; i++)
      await expectError(await passwordRequest(DEMO.Username, `wrong-${i}`), FAILURE)
    await expectError(await passwordRequest(DEMO.Username, DEMO.password), FAILURE)
    t.clock.advance(16 * 60_000)
    expect((await passwordRequest(DEMO.Username, DEMO.password)).status).toBe(200)
  })

  it("F-125 under Admin approved users are pre-authorized, a user not pre-authorized gets invalid_app_access", async () => {
    update({ allowUsernamePasswordFlow: true, appPolicy: "admin-approved" })
    await expectError(await passwordRequest(DEMO.Username, DEMO.password), {
      error: "invalid_app_access",
      error_description: "user is not admin approved to access this app",
    })
  })

  it("F-124 the settings page shows Allow OAuth Username-Password Flows, off, and turning it on lets the flow work", async () => {
    const admin = USERS.find((u) => u.Username === "admin@example.com")!
    const b = new TestBrowser(t)
    const login = await (await b.get((await b.get("/settings")).headers.get("location")!)).text()
    await b.post("/login", {
      _csrf: csrfIn(login),
      startURL: /name="startURL" value="([^"]*)"/.exec(login)![1]!,
      username: admin.Username,
      password: admin.password,
    })
    const page = await (await b.get("/settings")).text()
    expect(page).toMatch(
      /name="allowUsernamePasswordFlow" value="on"> Allow OAuth Username-Password Flows/,
    )
    await b.post("/settings", {
      _csrf: csrfIn(page),
      appPolicy: "self-authorize",
      requireSecretForWebServer: "on",
      requireSecretForRefreshToken: "on",
      accessTokenMinutes: "120",
      appScopes: "api",
      allowUsernamePasswordFlow: "on",
    })
    expect(await (await b.get("/settings")).text()).toMatch(
      /name="allowUsernamePasswordFlow" value="on" checked>/,
    )
    expect((await passwordRequest(DEMO.Username, DEMO.password)).status).toBe(200)
  })
})
