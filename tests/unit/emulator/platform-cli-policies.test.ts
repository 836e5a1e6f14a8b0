import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { loadOrCreateControlSecret } from "@/lib/emulator/control/secret"
import { s256 } from "@/lib/emulator/oauth/grant-authorization-code"
import { applyOrgPatch } from "@/lib/emulator/store/org-patch"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

/**
 * Permitted Users, Selected OAuth Scopes and the Refresh Token Policy are each connected app's own
 * (https://help.salesforce.com/s/articleView?id=sf.connected_app_manage_oauth.htm&type=5). What the
 * lab edits is the site's app: breaking one of its scenarios must not break `sf org login web`,
 * which uses the Salesforce CLI's app (docs/fidelity.md, F-100).
 */
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test" })
})
afterEach(() => t.close())

const MINUTE = 60_000
const CLI_CALLBACK = "http://localhost:1717/OauthRedirect"
const VERIFIER = "v".repeat(64)
const site = () => t.org.credentials
const token = (form: Record<string, string>) => t.call("/services/oauth2/token", { form })

const breakScenario = async (id: string) => {
  const res = await t.call(`/_lab/scenarios/${id}/break`, {
    method: "POST",
    headers: { authorization: `Bearer ${loadOrCreateControlSecret(t.dataDir)}` },
  })
  expect(res.status).toBe(200)
}

/** What `sf org login web` sends (F-100), then its code redeemed as sf redeems it. */
async function sfLogin(): Promise<Response> {
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: "PlatformCLI",
    redirect_uri: CLI_CALLBACK,
    state: "sf",
    prompt: "login",
    scope: "refresh_token api web",
    code_challenge: s256(VERIFIER),
  })
  const back = callbackParams(run.location!)
  expect(back.get("error")).toBeNull()
  return token({
    grant_type: "authorization_code",
    code: back.get("code")!,
    client_id: "PlatformCLI",
    redirect_uri: CLI_CALLBACK,
    code_verifier: VERIFIER,
  })
}

/** The site's app asking for the same scopes: the app the scenarios break. */
const siteAuthorize = async () =>
  callbackParams(
    (
      await runAuthorize(new TestBrowser(t), t, {
        response_type: "code",
        client_id: site().clientId,
        redirect_uri: WEB_CALLBACK,
        scope: "refresh_token api web",
      })
    ).location!,
  )

describe("the Salesforce CLI's app keeps its own OAuth policies", () => {
  it.each([
    ["jwt-admin-approved-only", "invalid_app_access"],
    ["web-server-admin-approved-only", "invalid_app_access"],
    ["jwt-no-refresh-token-scope", "invalid_scope"],
  ])(
    "F-100 sf org login web still works once %s breaks the site's app (which gets %s)",
    async (id, siteError) => {
      await breakScenario(id)
      expect((await siteAuthorize()).get("error")).toBe(siteError)
      const res = await sfLogin()
      expect(res.status).toBe(200)
      const body = (await res.json()) as { scope: string; refresh_token?: string }
      expect(body.scope.split(" ").sort()).toEqual(["api", "refresh_token", "web"])
      expect(body.refresh_token).toBeTruthy()
    },
  )

  it("F-100 F-163 an 'expire after 60 minutes' policy ends the site's refresh tokens, not the CLI's", async () => {
    applyOrgPatch(t.org.ctx.db, site().clientId, {
      settings: { refreshTokenPolicy: "expire-after", refreshTokenPolicyMinutes: 60 },
    })
    const cli = ((await (await sfLogin()).json()) as { refresh_token: string }).refresh_token
    const siteCode = (await siteAuthorize()).get("code")!
    const siteTokens = await token({
      grant_type: "authorization_code",
      code: siteCode,
      client_id: site().clientId,
      client_secret: site().clientSecret,
      redirect_uri: WEB_CALLBACK,
    })
    const siteRt = ((await siteTokens.json()) as { refresh_token: string }).refresh_token
    t.clock.advance(120 * MINUTE)

    const cliRefresh = await token({
      grant_type: "refresh_token",
      refresh_token: cli,
      client_id: "PlatformCLI",
    })
    expect(cliRefresh.status).toBe(200)
    const siteRefresh = await token({
      grant_type: "refresh_token",
      refresh_token: siteRt,
      client_id: site().clientId,
      client_secret: site().clientSecret,
    })
    expect(await siteRefresh.json()).toEqual({
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
  })
})

describe("refresh-token rotation is the site app's setting too", () => {
  it("F-100 F-27 with rotation on, the CLI's refresh token is not rotated and keeps working; the site's is", async () => {
    applyOrgPatch(t.org.ctx.db, site().clientId, { settings: { refreshTokenRotation: true } })
    const cli = ((await (await sfLogin()).json()) as { refresh_token: string }).refresh_token
    for (let i = 0; i < 2; i++) {
      const again = (await (
        await token({ grant_type: "refresh_token", refresh_token: cli, client_id: "PlatformCLI" })
      ).json()) as { access_token?: string; refresh_token?: string }
      expect(again.access_token).toBeTruthy()
      expect(again.refresh_token).toBeUndefined()
    }
    const siteRt = (
      (await (
        await token({
          grant_type: "authorization_code",
          code: (await siteAuthorize()).get("code")!,
          client_id: site().clientId,
          client_secret: site().clientSecret,
          redirect_uri: WEB_CALLBACK,
        })
      ).json()) as { refresh_token: string }
    ).refresh_token
    const rotated = (await (
      await token({
        grant_type: "refresh_token",
        refresh_token: siteRt,
        client_id: site().clientId,
        client_secret: site().clientSecret,
      })
    ).json()) as { refresh_token?: string }
    expect(rotated.refresh_token).toBeTruthy()
    expect(rotated.refresh_token).not.toBe(siteRt)
  })
})
