// Over 200 lines: one suite per grant (refresh_token), its cases side by side.
import crypto from "node:crypto"
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose"
import type { AppCredentials } from "@/lib/emulator/keys"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
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

const EXPIRED = { error: "invalid_grant", error_description: "expired access/refresh token" }
const SCOPE = "api refresh_token openid"

type Client = Pick<AppCredentials, "clientId" | "clientSecret">
const site = (): Client => t.org.credentials

/** A code from the web server flow (demo logs in and consents the first time). */
async function authorize(
  client: Client = site(),
  scope = SCOPE,
  browser = new TestBrowser(t),
): Promise<string> {
  const run = await runAuthorize(browser, t, {
    response_type: "code",
    client_id: client.clientId,
    redirect_uri: WEB_CALLBACK,
    scope,
  })
  return callbackParams(run.location!).get("code")!
}

function redeem(code: string, client: Client = site()) {
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: "authorization_code",
      code,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uri: WEB_CALLBACK,
    },
  })
}

async function login(client: Client = site(), scope = SCOPE, browser?: TestBrowser) {
  const res = await redeem(await authorize(client, scope, browser), client)
  expect(res.status).toBe(200)
  return (await res.json()) as {
    access_token: string
    refresh_token: string
    id_token?: string
    id: string
    scope: string
  }
}

function refresh(
  refreshToken: string,
  client: Client = site(),
  extra: Record<string, string> = {},
) {
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...extra,
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

const userinfoStatus = async (accessToken: string) =>
  (
    await t.call("/services/oauth2/userinfo", {
      headers: { authorization: `Bearer ${accessToken}` },
    })
  ).status

function setRotation(on: boolean) {
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), refreshTokenRotation: on })
}

describe("refresh token grant: the response", () => {
  it("answers a refresh without rotation in Salesforce's shape: valid signature, issued_at, no refresh_token", async () => {
    const first = await login()
    t.clock.advance(60_000)
    const res = await refresh(first.refresh_token)
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    const body = await jsonOf(res)
    expect(Object.keys(body)).toEqual([
      "access_token",
      "signature",
      "scope",
      "id_token",
      "instance_url",
      "id",
      "token_type",
      "issued_at",
    ])
    expect(body).not.toHaveProperty("refresh_token")
    expect(body).not.toHaveProperty("expires_in")
    expect(body.issued_at).toBe(String(t.clock.now()))
    const expected = crypto
      .createHmac("sha256", t.org.credentials.clientSecret)
      .update(`${body.id as string}${body.issued_at as string}`)
      .digest("base64")
    expect(body.signature).toBe(expected)
    expect(body.scope).toBe(SCOPE)
    expect(body.id).toBe(first.id)
    expect(body.instance_url).toBe(t.base)
    expect(body.access_token).not.toBe(first.access_token)
    expect(await userinfoStatus(body.access_token as string)).toBe(200)
  })

  it("S-46 returns an id_token with the same iss, sub and aud as the original one", async () => {
    const first = await login()
    t.clock.advance(60_000)
    const again = await jsonOf(await refresh(first.refresh_token))
    const jwks = createLocalJWKSet((await (await t.call("/id/keys")).json()) as JSONWebKeySet)
    const opts = {
      issuer: t.base,
      audience: t.org.credentials.clientId,
      algorithms: ["RS256"],
      currentDate: new Date(t.clock.now()),
    }
    const original = (await jwtVerify(first.id_token!, jwks, opts)).payload
    const renewed = (await jwtVerify(again.id_token as string, jwks, opts)).payload
    expect(renewed.iss).toBe(original.iss)
    expect(renewed.sub).toBe(original.sub)
    expect(renewed.sub).toBe(first.id)
    expect(renewed.aud).toEqual(original.aud)
    expect(renewed.iat).toBe(original.iat! + 60)
  })

  it("lets the same refresh token be used again and again when rotation is off", async () => {
    const { refresh_token } = await login()
    for (let i = 0; i < 3; i++) expect((await refresh(refresh_token)).status).toBe(200)
  })
})

describe("refresh token grant: rotation and revocation", () => {
  it("F-27 S-45 with rotation on returns a new refresh token each time, which chains", async () => {
    setRotation(true)
    const r0 = (await login()).refresh_token
    const first = await jsonOf(await refresh(r0))
    expect(Object.keys(first)).toEqual([
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
    const r1 = first.refresh_token as string
    expect(r1).toMatch(/^5Aep861/)
    expect(r1).not.toBe(r0)
    const second = await jsonOf(await refresh(r1))
    expect(second.refresh_token).not.toBe(r1)
  })

  it("F-28 S-45 reuse of a rotated refresh token revokes the family: the newest refresh token and its access tokens die too", async () => {
    setRotation(true)
    const browser = new TestBrowser(t)
    const family = await login(site(), SCOPE, browser)
    const other = await login(site(), SCOPE, browser)
    const rotated = await jsonOf(await refresh(family.refresh_token))
    const newest = rotated.refresh_token as string
    expect(await userinfoStatus(rotated.access_token as string)).toBe(200)

    await expectError(await refresh(family.refresh_token), 400, EXPIRED)
    await expectError(await refresh(newest), 400, EXPIRED)
    expect(await userinfoStatus(family.access_token)).toBe(403)
    expect(await userinfoStatus(rotated.access_token as string)).toBe(403)
    // Another grant of the same user and app is a different family and keeps working.
    expect(await userinfoStatus(other.access_token)).toBe(200)
    expect((await refresh(other.refresh_token)).status).toBe(200)
  })

  it("F-26 S-40 answers a revoked or unknown refresh token with invalid_grant / expired access/refresh token", async () => {
    const { refresh_token } = await login()
    expect(
      (await t.call("/services/oauth2/revoke", { form: { token: refresh_token } })).status,
    ).toBe(200)
    await expectError(await refresh(refresh_token), 400, EXPIRED)
    await expectError(await refresh("5Aep861NotARealRefreshToken"), 400, EXPIRED)
  })

  it("S-40 kills the refresh token of a first redemption when its code is redeemed a second time", async () => {
    const code = await authorize()
    const first = await jsonOf(await redeem(code))
    expect((await refresh(first.refresh_token as string)).status).toBe(200)
    await expectError(await redeem(code), 400, {
      error: "invalid_grant",
      error_description: "expired authorization code",
    })
    await expectError(await refresh(first.refresh_token as string), 400, EXPIRED)
    expect(await userinfoStatus(first.access_token as string)).toBe(403)
  })

  it("F-30 S-41 keeps a refresh token valid until revoked (Salesforce's default policy), long after its access token expired", async () => {
    const first = await login()
    t.clock.advance(90 * 86_400_000)
    expect(await userinfoStatus(first.access_token)).toBe(403)
    const res = await refresh(first.refresh_token)
    expect(res.status).toBe(200)
    expect(await userinfoStatus((await jsonOf(res)).access_token as string)).toBe(200)
  })

  it("F-29 S-41 expires the oldest refresh token when a sixth approval is made for the same user and app", async () => {
    const browser = new TestBrowser(t)
    const grants = []
    for (let i = 0; i < 6; i++) grants.push(await login(site(), SCOPE, browser))
    await expectError(await refresh(grants[0]!.refresh_token), 400, EXPIRED)
    for (const g of grants.slice(1)) expect((await refresh(g.refresh_token)).status).toBe(200)
  })
})

describe("refresh token grant: client binding and scope", () => {
  it("S-42 refuses a refresh token presented by a client other than the one it was issued to", async () => {
    const other = await registerOtherApp(t)
    const ofOther = await login(other)
    const ofSite = await login()
    await expectError(await refresh(ofOther.refresh_token, site()), 400, EXPIRED)
    await expectError(await refresh(ofSite.refresh_token, other), 400, EXPIRED)
    expect((await refresh(ofOther.refresh_token, other)).status).toBe(200)
    expect((await refresh(ofSite.refresh_token, site())).status).toBe(200)
  })

  it("S-43 requires the client secret: missing or wrong gives invalid_client, and the token survives the attempts", async () => {
    const { refresh_token } = await login()
    const { clientId } = t.org.credentials
    const invalidClient = {
      error: "invalid_client",
      error_description: "invalid client credentials",
    }
    const form = { grant_type: "refresh_token", refresh_token }
    await expectError(
      await t.call("/services/oauth2/token", { form: { ...form, client_id: clientId } }),
      400,
      invalidClient,
    )
    await expectError(
      await t.call("/services/oauth2/token", {
        form: { ...form, client_id: clientId, client_secret: "wrong" },
      }),
      400,
      invalidClient,
    )
    await expectError(
      await t.call("/services/oauth2/token", {
        form,
        headers: { authorization: basic(clientId, "wrong") },
      }),
      400,
      invalidClient,
    )
    await expectError(await t.call("/services/oauth2/token", { form }), 400, {
      error: "invalid_client_id",
      error_description: "client identifier invalid",
    })
    expect((await refresh(refresh_token)).status).toBe(200)
  })

  it("S-44 refuses a scope broader than the original grant and honours a narrower one", async () => {
    const { refresh_token } = await login()
    const invalidScope = {
      error: "invalid_scope",
      error_description: "the requested scope is not allowed",
    }
    await expectError(
      await refresh(refresh_token, site(), { scope: `${SCOPE} web` }),
      400,
      invalidScope,
    )
    await expectError(await refresh(refresh_token, site(), { scope: "full" }), 400, invalidScope)
    const narrower = await jsonOf(await refresh(refresh_token, site(), { scope: "api" }))
    expect(narrower.scope).toBe("api")
    expect(narrower).not.toHaveProperty("id_token")
  })
})
