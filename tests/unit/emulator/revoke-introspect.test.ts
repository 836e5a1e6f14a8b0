// Over 200 lines: one suite for revocation and introspection, which test each other.
import type { AppCredentials } from "@/lib/emulator/keys"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import {
  basic,
  createTestOrg,
  jsonOf,
  registerOtherApp,
  WEB_CALLBACK,
  type TestOrg,
} from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const INVALID_TOKEN = { error: "invalid_token", error_description: "Token was invalid" }
const INVALID_CLIENT = { error: "invalid_client", error_description: "invalid client credentials" }
const INACTIVE = '{"active":false}'

type Client = Pick<AppCredentials, "clientId" | "clientSecret" | "privateKeyPem">
const site = (): Client => t.org.credentials

/** An access token for the pre-authorized admin, by JWT bearer (no browser needed). */
async function adminToken(
  client: Client = site(),
): Promise<{ access_token: string; id: string; scope: string }> {
  const assertion = await signAssertion(
    client.privateKeyPem,
    standardClaims(client.clientId, t.base, "admin@example.com", t.clock.now()),
  )
  const res = await t.call("/services/oauth2/token", { form: { grant_type: JWT_GRANT, assertion } })
  expect(res.status).toBe(200)
  return (await res.json()) as { access_token: string; id: string; scope: string }
}

/** Demo's tokens from the web server flow, with a refresh token. */
async function demoLogin(): Promise<{ access_token: string; refresh_token: string; id: string }> {
  const { clientId, clientSecret } = site()
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token",
  })
  const code = callbackParams(run.location!).get("code")!
  const res = await t.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code,
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: WEB_CALLBACK,
    },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { access_token: string; refresh_token: string; id: string }
}

// JSON errors as the site's client asks for them (Accept); without it they come form-encoded (F-110).
const revoke = (form: Record<string, string>, headers: Record<string, string> = {}) =>
  t.call("/services/oauth2/revoke", { form, headers: { accept: "application/json", ...headers } })

function introspect(token: string, client: Pick<Client, "clientId" | "clientSecret"> = site()) {
  return t.call("/services/oauth2/introspect", {
    form: {
      token,
      token_type_hint: "access_token",
      client_id: client.clientId,
      client_secret: client.clientSecret,
    },
  })
}

const userinfoStatus = async (accessToken: string) =>
  (
    await t.call("/services/oauth2/userinfo", {
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).status

function refresh(refreshToken: string) {
  const { clientId, clientSecret } = site()
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: clientId,
      client_secret: clientSecret,
    },
  })
}

async function expectError(
  res: Response,
  status: number,
  body: { error: string; error_description: string },
) {
  expect(res.status).toBe(status)
  expect(await res.json()).toEqual(body)
}

async function expectRevoked(res: Response) {
  expect(res.status).toBe(200)
  expect(await res.text()).toBe("")
}

async function expectInactive(res: Response) {
  expect(res.status).toBe(200)
  expect(await res.text()).toBe(INACTIVE)
}

describe("revoke", () => {
  it("F-31 S-70 revokes an access token by POST, answering 200 with an empty body", async () => {
    const { access_token } = await adminToken()
    expect(await userinfoStatus(access_token)).toBe(200)
    await expectRevoked(await revoke({ token: access_token }))
    expect(await userinfoStatus(access_token)).toBe(403)
  })

  it("F-33 S-70 revokes by the blind GET ?token= as well", async () => {
    const { access_token } = await adminToken()
    await expectRevoked(
      await t.call(`/services/oauth2/revoke?token=${encodeURIComponent(access_token)}`),
    )
    expect(await userinfoStatus(access_token)).toBe(403)
  })

  it("S-70 answers a request without a token parameter with unsupported_token_type", async () => {
    const expected = {
      error: "unsupported_token_type",
      error_description: "Token type not supported",
    }
    await expectError(await revoke({}), 400, expected)
    await expectError(
      await t.call("/services/oauth2/revoke", { headers: { accept: "application/json" } }),
      400,
      expected,
    )
    // What a client sends when it posts the whole token response as `token[...]`.
    await expectError(
      await revoke({ "token[access_token]": (await adminToken()).access_token }),
      400,
      expected,
    )
  })

  it("F-32 S-71 answers an unknown or already revoked token with 400 invalid_token / Token was invalid", async () => {
    await expectError(
      await revoke({ token: "00D5g0000LABORG!AQnotARealToken" }),
      400,
      INVALID_TOKEN,
    )
    const { access_token, refresh_token } = await demoLogin()
    await expectRevoked(await revoke({ token: access_token }))
    await expectError(await revoke({ token: access_token }), 400, INVALID_TOKEN)
    await expectRevoked(await revoke({ token: refresh_token }))
    await expectError(await revoke({ token: refresh_token }), 400, INVALID_TOKEN)
  })

  it("S-72 treats token_type_hint as a hint only: a wrong or unknown hint still revokes", async () => {
    const { access_token, refresh_token } = await demoLogin()
    await expectRevoked(await revoke({ token: access_token, token_type_hint: "refresh_token" }))
    expect(await userinfoStatus(access_token)).toBe(403)
    await expectRevoked(await revoke({ token: refresh_token, token_type_hint: "access_token" }))
    await expectError(await refresh(refresh_token), 400, {
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
    const other = await adminToken()
    await expectRevoked(await revoke({ token: other.access_token, token_type_hint: "bogus" }))
  })

  it("S-73 refuses wrong client credentials, and another client's token when the caller authenticates", async () => {
    const { access_token } = await adminToken()
    const { clientId, clientSecret } = site()
    await expectError(
      await revoke({ token: access_token, client_id: clientId, client_secret: "wrong" }),
      400,
      INVALID_CLIENT,
    )
    await expectError(
      await revoke({ token: access_token }, { authorization: basic(clientId, "wrong") }),
      400,
      INVALID_CLIENT,
    )
    const other = await registerOtherApp(t)
    await expectError(
      await revoke(
        { token: access_token },
        { authorization: basic(other.clientId, other.clientSecret) },
      ),
      400,
      INVALID_TOKEN,
    )
    expect(await userinfoStatus(access_token)).toBe(200)
    await expectRevoked(
      await revoke({ token: access_token, client_id: clientId, client_secret: clientSecret }),
    )
    expect(await userinfoStatus(access_token)).toBe(403)
  })

  it("F-34 S-74 revoking a refresh token kills every access token of its grant", async () => {
    const first = await demoLogin()
    const refreshed = (await jsonOf(await refresh(first.refresh_token))).access_token as string
    const unrelated = await adminToken()
    expect(await userinfoStatus(refreshed)).toBe(200)
    await expectRevoked(await revoke({ token: first.refresh_token }))
    expect(await userinfoStatus(first.access_token)).toBe(403)
    expect(await userinfoStatus(refreshed)).toBe(403)
    await expectInactive(await introspect(refreshed))
    expect(await userinfoStatus(unrelated.access_token)).toBe(200)
  })

  it("S-75 after revoke: introspect is inactive, userinfo 403, refresh invalid_grant, and all of it survives a restart", async () => {
    const { access_token, refresh_token } = await demoLogin()
    const alone = await adminToken()
    await expectRevoked(await revoke({ token: refresh_token }))
    await expectRevoked(await revoke({ token: alone.access_token }))
    const checkAllDead = async () => {
      for (const token of [access_token, refresh_token, alone.access_token])
        await expectInactive(await introspect(token))
      const me = await t.call("/services/oauth2/userinfo", {
        headers: { authorization: `Bearer ${access_token}` },
      })
      expect(me.status).toBe(403)
      expect(me.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"')
      expect(await userinfoStatus(alone.access_token)).toBe(403)
      await expectError(await refresh(refresh_token), 400, {
        error: "invalid_grant",
        error_description: "expired access/refresh token",
      })
    }
    await checkAllDead()
    await t.restart()
    await checkAllDead()
    await expectError(await revoke({ token: refresh_token }), 400, INVALID_TOKEN)
  })

  it("F-52 never answers script: a JSONP `callback` is ignored, success is an empty 200 and failure plain", async () => {
    const { access_token } = await adminToken()
    const url = `/services/oauth2/revoke?token=${encodeURIComponent(access_token)}&callback=onRevoke`
    const ok = await t.call(url)
    expect(ok.status).toBe(200)
    expect(ok.headers.get("content-type") ?? "").not.toContain("javascript")
    expect(await ok.text()).toBe("")
    expect(await userinfoStatus(access_token)).toBe(403)
    const again = await t.call(url)
    expect(again.headers.get("content-type")).toBe(
      "application/x-www-form-urlencoded;charset=UTF-8",
    )
    expect(await again.text()).not.toContain("onRevoke")
    const asJson = await t.call(url, { headers: { accept: "application/json" } })
    expect(asJson.headers.get("content-type")).toBe("application/json;charset=UTF-8")
    expect(await asJson.text()).not.toContain("onRevoke")
  })

  it("F-110 answers errors form-encoded unless format= or Accept asks otherwise, as jsforce parses them", async () => {
    const plain = await t.call("/services/oauth2/revoke", { form: { token: "not-a-token" } })
    expect(plain.status).toBe(400)
    expect(plain.headers.get("content-type")).toBe(
      "application/x-www-form-urlencoded;charset=UTF-8",
    )
    expect(Object.fromEntries(new URLSearchParams(await plain.text()))).toEqual({
      error: "invalid_token",
      error_description: "Token was invalid",
    })
    const xml = await t.call("/services/oauth2/revoke", { form: { token: "x", format: "xml" } })
    expect(await xml.text()).toContain("<error>invalid_token</error>")
    const json = await revoke({ token: "x" })
    expect(await json.json()).toEqual({
      error: "invalid_token",
      error_description: "Token was invalid",
    })
  })
})

describe("introspect", () => {
  it("F-37 S-80 answers 401 invalid_client to a caller without valid client authentication", async () => {
    const { access_token } = await adminToken()
    const { clientId } = site()
    const attempts: { form: Record<string, string>; headers?: Record<string, string> }[] = [
      { form: { token: access_token } },
      { form: { token: access_token, client_id: clientId } },
      { form: { token: access_token, client_id: clientId, client_secret: "wrong" } },
      { form: { token: access_token }, headers: { authorization: basic(clientId, "wrong") } },
      { form: { token: access_token, client_id: "3MVG9unknown", client_secret: "x" } },
    ]
    for (const a of attempts) {
      const res = await t.call("/services/oauth2/introspect", a)
      expect(res.headers.get("www-authenticate")).toBe('Basic realm="introspect"')
      await expectError(res, 401, INVALID_CLIENT)
    }
  })

  it('F-36 S-81 answers exactly {"active":false} for an unknown, missing, expired or revoked token', async () => {
    await expectInactive(await introspect("00D5g0000LABORG!AQnotARealToken"))
    const { clientId, clientSecret } = site()
    await expectInactive(
      await t.call("/services/oauth2/introspect", {
        form: { client_id: clientId, client_secret: clientSecret },
      }),
    )
    const expiring = await adminToken()
    const revoked = await adminToken()
    await expectRevoked(await revoke({ token: revoked.access_token }))
    await expectInactive(await introspect(revoked.access_token))
    expect((await jsonOf(await introspect(expiring.access_token))).active).toBe(true)
    t.clock.advance(120 * 60_000)
    await expectInactive(await introspect(expiring.access_token))
  })

  it('S-82 answers {"active":false} for a token issued to another client', async () => {
    const other = await registerOtherApp(t)
    const theirs = await adminToken(other)
    await expectInactive(await introspect(theirs.access_token))
    expect((await jsonOf(await introspect(theirs.access_token, other))).active).toBe(true)
    const ours = await adminToken()
    await expectInactive(await introspect(ours.access_token, other))
  })

  it("F-35 S-83 describes an active access token with Salesforce's fields, sub being the identity URL", async () => {
    const token = await adminToken()
    const issuedS = Math.floor(t.clock.now() / 1000)
    t.clock.advance(5_000)
    const res = await introspect(token.access_token)
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    expect(await res.json()).toEqual({
      active: true,
      scope: token.scope,
      client_id: site().clientId,
      username: "admin@example.com",
      sub: token.id,
      token_type: "access_token",
      exp: issuedS + 120 * 60,
      iat: issuedS,
      nbf: issuedS,
    })
    const viaBasic = await t.call("/services/oauth2/introspect", {
      form: { token: token.access_token },
      headers: { authorization: basic(site().clientId, site().clientSecret) },
    })
    expect((await jsonOf(viaBasic)).active).toBe(true)
  })

  it("S-83 describes an active refresh token as token_type refresh_token", async () => {
    const { refresh_token, id } = await demoLogin()
    const body = await jsonOf(await introspect(refresh_token))
    expect(body).toMatchObject({
      active: true,
      client_id: site().clientId,
      username: "demo@example.com",
      sub: id,
      token_type: "refresh_token",
    })
    for (const claim of ["exp", "iat", "nbf"]) expect(Number.isInteger(body[claim])).toBe(true)
  })
})
