import crypto from "node:crypto"
import type { JWTPayload } from "jose"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { CLIENT_ASSERTION_TYPE } from "@/lib/emulator/oauth/client-assertion"
import { s256 } from "@/lib/emulator/oauth/grant-authorization-code"
import { saveAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { otherPrivateKeyPem, signAssertion } from "../../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

/**
 * The Web Server and Refresh Token flows' three kinds of client authentication (issue 14 item 3):
 * a secret, a private key JWT (`client_assertion`, RFC 7523 §2.2), or none for a public client.
 */
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

const TOKEN_URL = "http://org.test/services/oauth2/token"
const verifier = "v".repeat(43)
const site = () => t.org.credentials
const token = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  t.call("/services/oauth2/token", { form, headers })

const claims = (over: JWTPayload = {}): JWTPayload => ({
  iss: site().clientId,
  sub: site().clientId,
  aud: TOKEN_URL,
  exp: Math.floor(t.clock.now() / 1000) + 60,
  jti: crypto.randomUUID(),
  ...over,
})
const assertion = (over: JWTPayload = {}, key = site().privateKeyPem) =>
  signAssertion(key, claims(over))

async function code(): Promise<string> {
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: site().clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token openid",
    code_challenge: s256(verifier),
  })
  return callbackParams(run.location!).get("code")!
}

const redeem = async (auth: Record<string, string>) =>
  token({
    grant_type: "authorization_code",
    code: await code(),
    redirect_uri: WEB_CALLBACK,
    code_verifier: verifier,
    ...auth,
  })

const withAssertion = (jwt: string) => ({
  client_assertion_type: CLIENT_ASSERTION_TYPE,
  client_assertion: jwt,
})

const INVALID = { error: "invalid_client", error_description: "invalid assertion" }

describe("private key JWT client authentication", () => {
  it("F-160 redeems a code and refreshes with a client_assertion instead of the secret", async () => {
    const res = await redeem(withAssertion(await assertion()))
    expect(res.status).toBe(200)
    const body = (await res.json()) as { access_token: string; refresh_token: string }
    expect(body.access_token).toMatch(/!/)
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token: body.refresh_token,
      ...withAssertion(await assertion()),
    })
    expect(refreshed.status).toBe(200)
    // The login host's token endpoint, and the bare host, are accepted audiences as well.
    const atLogin = await redeem(
      withAssertion(await assertion({ aud: "http://login.org.test/services/oauth2/token" })),
    )
    expect(atLogin.status).toBe(200)
  })

  it("S-230 a client assertion is single-use: its replay is refused", async () => {
    const jwt = await assertion()
    expect((await redeem(withAssertion(jwt))).status).toBe(200)
    const again = await redeem(withAssertion(jwt))
    expect(again.status).toBe(400)
    expect(await again.json()).toEqual(INVALID)
  })

  it("S-230 S-61 an assertion valid for 30 days stays single-use for all of them", async () => {
    const jwt = await assertion({ exp: Math.floor(t.clock.now() / 1000) + 30 * 86_400 })
    expect((await redeem(withAssertion(jwt))).status).toBe(200)
    t.clock.advance(2 * 86_400_000)
    const later = await redeem(withAssertion(jwt))
    expect(later.status).toBe(400)
    expect(await later.json()).toEqual(INVALID)
  })

  it("S-231 F-161 an assertion for another audience is refused", async () => {
    for (const aud of ["https://login.salesforce.com", "http://evil.test/services/oauth2/token"]) {
      const res = await redeem(withAssertion(await assertion({ aud })))
      expect(res.status).toBe(400)
      expect(await res.json()).toEqual({
        error: "invalid_client",
        error_description: "audience is invalid",
      })
    }
  })

  it("S-232 an expired assertion, or one without exp or jti, is refused", async () => {
    const expired = await assertion()
    t.clock.advance(5 * 60_000)
    for (const jwt of [
      expired,
      await assertion({ exp: undefined }),
      await assertion({ jti: undefined }),
    ]) {
      const res = await redeem(withAssertion(jwt))
      expect(await res.json()).toEqual(INVALID)
    }
  })

  it("S-233 S-64 a forged signature, a wrong sub, a wrong type or a secret beside the assertion is refused", async () => {
    expect(
      await (await redeem(withAssertion(await assertion({}, otherPrivateKeyPem())))).json(),
    ).toEqual(INVALID)
    expect(await (await redeem(withAssertion(await assertion({ sub: "x@y.z" })))).json()).toEqual(
      INVALID,
    )
    const wrongType = await redeem({
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:saml2-bearer",
      client_assertion: await assertion(),
    })
    expect(await wrongType.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client assertion type",
    })
    const both = await redeem({
      ...withAssertion(await assertion()),
      client_id: site().clientId,
      client_secret: site().clientSecret,
    })
    expect(await both.json()).toEqual({
      error: "invalid_request",
      error_description: "client authentication must use only one method",
    })
    const unknown = await redeem(withAssertion(await assertion({ iss: "3MVGnobody" })))
    expect(await unknown.json()).toEqual({
      error: "invalid_client_id",
      error_description: "client identifier invalid",
    })
  })
})

describe("a public client (PKCE only)", () => {
  it("F-162 is refused while Require Secret for Web Server Flow is on, accepted once it is off", async () => {
    const refused = await redeem({ client_id: site().clientId })
    expect(refused.status).toBe(400)
    expect(await refused.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
    saveAppSecretSettings(t.org.ctx.db, site().clientId, { requireSecretForWebServer: false })
    const ok = await redeem({ client_id: site().clientId })
    expect(ok.status).toBe(200)
  })

  it("S-234 a public client that sends a wrong secret is refused: a sent secret is always checked", async () => {
    saveAppSecretSettings(t.org.ctx.db, site().clientId, { requireSecretForWebServer: false })
    const res = await redeem({ client_id: site().clientId, client_secret: "not-the-secret" })
    expect(await res.json()).toEqual({
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
  })
})
