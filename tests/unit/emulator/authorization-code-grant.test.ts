// Over 200 lines: one suite per grant (authorization_code), its cases side by side.
import crypto from "node:crypto"
import { decodeJwt, decodeProtectedHeader } from "jose"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { s256 } from "@/lib/emulator/oauth/grant-authorization-code"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { basic, createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"
import { registerApp } from "@/lib/emulator/store/apps"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

async function code(extra: Record<string, string> = {}): Promise<string> {
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: t.org.credentials.clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token",
    ...extra,
  })
  return callbackParams(run.location!).get("code")!
}

function token(form: Record<string, string>, headers: Record<string, string> = {}) {
  return t.call("/services/oauth2/token", { form, headers })
}

function exchange(c: string, extra: Record<string, string> = {}) {
  const { clientId, clientSecret } = t.org.credentials
  return token({
    grant_type: "authorization_code",
    code: c,
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: WEB_CALLBACK,
    ...extra,
  })
}

async function expectError(res: Response, status: number, error: string, description: string) {
  expect(res.status).toBe(status)
  expect(res.headers.get("content-type")).toContain("application/json")
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await res.json()).toEqual({ error, error_description: description })
}

describe("authorization_code grant rejections", () => {
  it("F-23 S-20 an unknown client_id is invalid_client_id / client identifier invalid", async () => {
    const c = await code()
    await expectError(
      await exchange(c, { client_id: "3MVG9nobody" }),
      400,
      "invalid_client_id",
      "client identifier invalid",
    )
    await expectError(
      await token(
        { grant_type: "authorization_code", code: c, redirect_uri: WEB_CALLBACK },
        { authorization: basic("3MVG9nobody", "x") },
      ),
      400,
      "invalid_client_id",
      "client identifier invalid",
    )
  })

  it("S-21 a wrong secret is invalid_client / invalid client credentials, by post and by basic", async () => {
    const c = await code()
    await expectError(
      await exchange(c, { client_secret: "WRONG" }),
      400,
      "invalid_client",
      "invalid client credentials",
    )
    const { clientId } = t.org.credentials
    await expectError(
      await token(
        { grant_type: "authorization_code", code: c, redirect_uri: WEB_CALLBACK },
        { authorization: basic(clientId, "WRONG") },
      ),
      400,
      "invalid_client",
      "invalid client credentials",
    )
  })

  it("S-22 no client authentication at all is invalid_client", async () => {
    const c = await code()
    await expectError(
      await token({
        grant_type: "authorization_code",
        code: c,
        client_id: t.org.credentials.clientId,
        redirect_uri: WEB_CALLBACK,
      }),
      400,
      "invalid_client",
      "invalid client credentials",
    )
  })

  it("S-23 basic auth and a body secret together are invalid_request", async () => {
    const { clientId, clientSecret } = t.org.credentials
    const res = await token(
      {
        grant_type: "authorization_code",
        code: await code(),
        client_secret: clientSecret,
        redirect_uri: WEB_CALLBACK,
      },
      { authorization: basic(clientId, clientSecret) },
    )
    await expectError(res, 400, "invalid_request", "client authentication must use only one method")
  })

  it("F-53 S-24 GET on the token endpoint is refused with 405", async () => {
    const res = await t.call(`/services/oauth2/token?grant_type=authorization_code&code=x`)
    await expectError(res, 405, "invalid_request", "must use HTTP POST")
  })

  it("F-25 S-25 a missing or unknown grant_type is unsupported_grant_type", async () => {
    await expectError(
      await token({ code: "x" }),
      400,
      "unsupported_grant_type",
      "grant type not supported",
    )
    await expectError(
      await token({ grant_type: "urn:example:grant-type:not-a-salesforce-grant" }),
      400,
      "unsupported_grant_type",
      "grant type not supported",
    )
    await expectError(
      await token({ grant_type: "__proto__" }),
      400,
      "unsupported_grant_type",
      "grant type not supported",
    )
  })

  it("S-26 a missing, garbage or oversized code is refused; a 64 KB body gets 413", async () => {
    const { clientId, clientSecret } = t.org.credentials
    const auth = {
      grant_type: "authorization_code",
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uri: WEB_CALLBACK,
    }
    await expectError(await token(auth), 400, "invalid_request", "code must be provided")
    await expectError(
      await token({ ...auth, code: "garbage" }),
      400,
      "invalid_grant",
      "invalid authorization code",
    )
    await expectError(
      await token({ ...auth, code: "x".repeat(5000) }),
      400,
      "invalid_grant",
      "invalid authorization code",
    )
    await expectError(
      await token({ ...auth, code: "x".repeat(70 * 1024) }),
      413,
      "invalid_request",
      "request body too large",
    )
  })

  it("F-22 S-27 a reused code is refused and the tokens of its first redemption are revoked", async () => {
    const c = await code()
    const first = await jsonOf(await exchange(c))
    const api = () =>
      t.call("/services/data/v66.0/limits", {
        headers: { authorization: `Bearer ${first.access_token}` },
      })
    expect((await api()).status).toBe(200)
    t.clock.advance(1000)
    await expectError(await exchange(c), 400, "invalid_grant", "expired authorization code")
    expect((await api()).status).toBe(401)
    const { clientId, clientSecret } = t.org.credentials
    const refreshed = await token({
      grant_type: "refresh_token",
      refresh_token: String(first.refresh_token),
      client_id: clientId,
      client_secret: clientSecret,
    })
    await expectError(refreshed, 400, "invalid_grant", "expired access/refresh token")
  })

  it("F-21 S-28 a code older than 15 minutes is expired", async () => {
    const c = await code()
    t.clock.advance(15 * 60 * 1000 + 1000)
    await expectError(await exchange(c), 400, "invalid_grant", "expired authorization code")
  })

  it("S-29 a code issued to another client cannot be redeemed by it", async () => {
    const other = {
      clientId: "3MVG9OtherClient",
      clientSecret: "OTHERSECRET",
      privateKeyPem: t.org.credentials.privateKeyPem,
      certificatePem: t.org.credentials.certificatePem,
    }
    registerApp(t.org.ctx.db, other, [WEB_CALLBACK], t.clock.now())
    const c = await code()
    await expectError(
      await exchange(c, { client_id: other.clientId, client_secret: other.clientSecret }),
      400,
      "invalid_grant",
      "invalid authorization code",
    )
  })

  it("F-24 S-30 a redirect_uri that differs from the authorize request, or is missing, is redirect_uri_mismatch", async () => {
    await expectError(
      await exchange(await code(), { redirect_uri: "http://site.test/other" }),
      400,
      "redirect_uri_mismatch",
      "redirect_uri must match configuration",
    )
    const { clientId, clientSecret } = t.org.credentials
    const res = await token({
      grant_type: "authorization_code",
      code: await code(),
      client_id: clientId,
      client_secret: clientSecret,
    })
    await expectError(res, 400, "redirect_uri_mismatch", "redirect_uri must match configuration")
  })

  it("F-02 S-31 PKCE: missing verifier, wrong verifier (invalid_grant, as on the wire), downgrade and malformed verifier; a failed attempt burns the code", async () => {
    const verifier = crypto.randomBytes(32).toString("base64url")
    const c1 = await code({ code_challenge: s256(verifier) })
    await expectError(await exchange(c1), 400, "invalid_grant", "code verifier missing")
    await expectError(
      await exchange(c1, { code_verifier: verifier }),
      400,
      "invalid_grant",
      "expired authorization code",
    )

    const c2 = await code({ code_challenge: s256(verifier) })
    await expectError(
      await exchange(c2, { code_verifier: crypto.randomBytes(32).toString("base64url") }),
      400,
      "invalid_grant",
      "invalid code verifier",
    )
    await expectError(
      await exchange(c2, { code_verifier: verifier }),
      400,
      "invalid_grant",
      "expired authorization code",
    )

    await expectError(
      await exchange(await code(), { code_verifier: verifier }),
      400,
      "invalid_grant",
      "invalid code verifier",
    )

    const short = "a".repeat(42)
    await expectError(
      await exchange(await code({ code_challenge: s256(short) }), { code_verifier: short }),
      400,
      "invalid_grant",
      "invalid code verifier",
    )

    const c3 = await code({ code_challenge: s256(verifier) })
    expect((await exchange(c3, { code_verifier: verifier })).status).toBe(200)
  })

  it("S-31 matches RFC 7636 Appendix B's S256 test vector", () => {
    expect(s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe(
      "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
    )
  })

  it("S-32 twenty parallel redemptions of one code succeed exactly once", async () => {
    const c = await code()
    const results = await Promise.all(Array.from({ length: 20 }, () => exchange(c)))
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 200)).toHaveLength(1)
    expect(statuses.filter((s) => s === 400)).toHaveLength(19)
  })

  it("S-33 errors carry only permitted characters in error and a no-store JSON body", async () => {
    const res = await exchange("nope")
    const body = (await res.json()) as { error: string }
    expect(body.error).toMatch(/^[\x20-\x21\x23-\x5B\x5D-\x7E]+$/)
    expect(res.headers.get("pragma")).toBe("no-cache")
  })

  it("S-34 codes and tokens are unique and carry at least 128 random bits", async () => {
    const codes = new Set<string>()
    for (let i = 0; i < 20; i++) codes.add(await code())
    expect(codes.size).toBe(20)
    for (const c of codes)
      expect(Buffer.from(c.slice(4), "base64url").length).toBeGreaterThanOrEqual(16)
    const access = new Set<string>()
    for (const c of codes) access.add(String((await jsonOf(await exchange(c))).access_token))
    expect(access.size).toBe(20)
    for (const a of access) expect(a.split("!")[1]!.length).toBeGreaterThanOrEqual(24)
  })

  it("S-35 the id_token is RS256 with a published kid, the org as iss, the client as aud, and the nonce", async () => {
    const c = await code({ scope: "openid api", nonce: "nonce-123" })
    const body = await jsonOf(await exchange(c))
    const [h, p] = [decodeProtectedHeader(String(body.id_token)), decodeJwt(String(body.id_token))]
    expect(h).toMatchObject({ alg: "RS256", kid: t.org.ctx.signingKey.kid })
    expect(p).toMatchObject({
      iss: t.base,
      aud: t.org.credentials.clientId,
      nonce: "nonce-123",
      sub: body.id,
    })
    expect(p.exp! - p.iat!).toBe(300)
    expect(typeof p.at_hash).toBe("string")
  })
})

describe("client authentication methods the org does not offer", () => {
  it("S-64 an unsigned (alg none) client_assertion is not accepted in place of the secret: invalid_client", async () => {
    const { clientId } = t.org.credentials
    const claims = Buffer.from(JSON.stringify({ iss: clientId, sub: clientId })).toString(
      "base64url",
    )
    const res = await token({
      grant_type: "authorization_code",
      code: await code(),
      client_id: clientId,
      redirect_uri: WEB_CALLBACK,
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: `eyJhbGciOiJub25lIn0.${claims}.`,
    })
    await expectError(res, 400, "invalid_client", "invalid assertion")
  })

  it("S-93 there is no test or fault control plane to reach", async () => {
    for (const path of ["/__test__/reset", "/__test__/clock", "/_debug"]) {
      expect((await t.call(path)).status).toBe(404)
      expect((await t.call(path, { form: {} })).status).toBe(404)
    }
  })
})
