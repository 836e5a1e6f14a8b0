import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { s256 } from "@/lib/emulator/oauth/grant-authorization-code"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { adminAccessToken, basic, createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

// The sf CLI's built-in app is a public client (docs/fidelity.md, F-100): nothing it sends can
// stand in for a secret it does not have.
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test" })
})
afterEach(() => t.close())

const token = () => adminAccessToken(t, "PlatformCLI")

describe("the built-in PlatformCLI app has no secret to prove", () => {
  const CLI_CALLBACK = "http://localhost:1717/OauthRedirect"
  const emptyBasic = { authorization: basic("PlatformCLI", "") }
  const cliCode = async (extra: Record<string, string> = {}) => {
    const run = await runAuthorize(new TestBrowser(t), t, {
      response_type: "code",
      client_id: "PlatformCLI",
      redirect_uri: CLI_CALLBACK,
      scope: "api refresh_token",
      ...extra,
    })
    return callbackParams(run.location!).get("code")!
  }

  it("F-100 F-11 an empty secret (Basic 'PlatformCLI:') is no secret: a code without PKCE is still refused, introspection too", async () => {
    const res = await t.call("/services/oauth2/token", {
      form: { grant_type: "authorization_code", code: await cliCode(), redirect_uri: CLI_CALLBACK },
      headers: emptyBasic,
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
    const introspect = await t.call("/services/oauth2/introspect", {
      form: { token: token() },
      headers: emptyBasic,
    })
    expect(introspect.status).toBe(401)
    expect(await jsonOf(introspect)).toMatchObject({ error: "invalid_client" })
  })

  it("F-100 the same header with PKCE is a public client's request, as sf sends it", async () => {
    const verifier = "v".repeat(64)
    const res = await t.call("/services/oauth2/token", {
      form: {
        grant_type: "authorization_code",
        code: await cliCode({ code_challenge: s256(verifier) }),
        redirect_uri: CLI_CALLBACK,
        code_verifier: verifier,
      },
      headers: emptyBasic,
    })
    expect(res.status).toBe(200)
  })
})
