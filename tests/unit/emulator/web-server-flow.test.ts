import crypto from "node:crypto"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { basic, createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const verifier = () => crypto.randomBytes(32).toString("base64url")
const challenge = (v: string) => crypto.createHash("sha256").update(v).digest("base64url")

function authParams(extra: Record<string, string> = {}) {
  return {
    response_type: "code",
    client_id: t.org.credentials.clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token openid profile email",
    state: "st-1",
    ...extra,
  }
}

function redeem(code: string, extra: Record<string, string> = {}) {
  const { clientId, clientSecret } = t.org.credentials
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: WEB_CALLBACK,
      ...extra,
    },
  })
}

describe("web server flow end to end", () => {
  it("F-18 logs in, asks consent, returns a code with state, and exchanges it for Salesforce's token response", async () => {
    const b = new TestBrowser(t)
    const v = verifier()
    const run = await runAuthorize(b, t, authParams({ code_challenge: challenge(v) }))
    expect(run.sawLogin).toBe(true)
    expect(run.sawConsent).toBe(true)
    const cb = callbackParams(run.location!)
    expect(run.location!.startsWith(`${WEB_CALLBACK}?`)).toBe(true)
    expect(cb.get("state")).toBe("st-1")
    const res = await redeem(cb.get("code")!, { code_verifier: v })
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    expect(res.headers.get("pragma")).toBe("no-cache")
    const body = await jsonOf(res)
    expect(Object.keys(body)).toEqual([
      "access_token",
      "refresh_token",
      "signature",
      "scope",
      "id_token",
      "instance_url",
      "id",
      "token_type",
      "issued_at",
    ])
    expect(body.access_token).toMatch(/^00D5g0000LABORG!AQ[\w.]+$/)
    expect(body.id).toMatch(
      /^http:\/\/org\.test\/emulator\/id\/00D5g0000LABORG\w{3}\/0055g00000DEMO1\w{3}$/,
    )
    expect(body.token_type).toBe("Bearer")
    expect(body.issued_at).toMatch(/^\d{13}$/)
    expect(body).not.toHaveProperty("expires_in")
    const sig = crypto
      .createHmac("sha256", t.org.credentials.clientSecret)
      .update(`${body.id}${body.issued_at}`)
      .digest("base64")
    expect(body.signature).toBe(sig)
  })

  it("skips the login on a second authorize thanks to the org session, and the consent once approved", async () => {
    const b = new TestBrowser(t)
    await runAuthorize(b, t, authParams())
    const again = await runAuthorize(b, t, authParams())
    expect(again.sawLogin).toBe(false)
    expect(again.sawConsent).toBe(false)
    expect(callbackParams(again.location!).get("code")).toBeTruthy()
  })

  it("prompt=login forces a fresh login and prompt=consent the consent page", async () => {
    const b = new TestBrowser(t)
    await runAuthorize(b, t, authParams())
    const forced = await runAuthorize(b, t, authParams({ prompt: "login consent" }))
    expect(forced.sawLogin).toBe(true)
    expect(forced.sawConsent).toBe(true)
  })

  it("issues no refresh_token without refresh_token/offline_access, and no id_token without openid", async () => {
    const b = new TestBrowser(t)
    const run = await runAuthorize(b, t, authParams({ scope: "api" }))
    const body = await jsonOf(await redeem(callbackParams(run.location!).get("code")!))
    expect(body).not.toHaveProperty("refresh_token")
    expect(body).not.toHaveProperty("id_token")
    expect(body.scope).toBe("api")
  })

  it("accepts client_secret_basic as well as client_secret_post", async () => {
    const b = new TestBrowser(t)
    const run = await runAuthorize(b, t, authParams())
    const { clientId, clientSecret } = t.org.credentials
    const res = await t.call("/services/oauth2/token", {
      form: {
        grant_type: "authorization_code",
        code: callbackParams(run.location!).get("code")!,
        redirect_uri: WEB_CALLBACK,
      },
      headers: { authorization: basic(clientId, clientSecret) },
    })
    expect(res.status).toBe(200)
  })
})
