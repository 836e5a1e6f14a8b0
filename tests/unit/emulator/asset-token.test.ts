// Over 200 lines: the asset token grant's success, every refusal and the security cases side by side.
import crypto from "node:crypto"
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { saveAssetTokenSettings } from "@/lib/emulator/store/asset-token-settings"
import { to15 } from "@/lib/emulator/ids"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { buildActorToken } from "@/lib/salesforce/actor-token"
import {
  JWT_GRANT,
  otherPrivateKeyPem,
  signAssertion,
  standardClaims,
} from "../../_helpers/assertions"
import { createTestOrg, jsonOf, registerOtherApp, type TestOrg } from "../../_helpers/org"

const MY_DOMAIN = "http://org.test"
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
const DEVICE = { deviceId: "thermostat-42", name: "Hall thermostat", serialNumber: "SN-0042" }

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: MY_DOMAIN, loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

async function accessToken(creds = t.org.credentials): Promise<string> {
  const assertion = await signAssertion(
    creds.privateKeyPem,
    standardClaims(creds.clientId, MY_DOMAIN, ADMIN.Username, t.clock.now()),
  )
  const res = await t.call("/services/oauth2/token", { form: { grant_type: JWT_GRANT, assertion } })
  const body = await jsonOf(res)
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body.access_token as string
}

function exchange(fields: Record<string, string>) {
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: EXCHANGE,
      subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      actor_token_type: "urn:ietf:params:oauth:token-type:jwt",
      ...fields,
    },
  })
}

async function expectError(res: Response, error: string, description: string) {
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual({ error, error_description: description })
}

const deviceKey = () => crypto.createPrivateKey(otherPrivateKeyPem())
const settings = (over: Partial<Parameters<typeof saveAssetTokenSettings>[2]> = {}) =>
  saveAssetTokenSettings(t.org.ctx.db, t.org.credentials.clientId, {
    enabled: true,
    minutes: 10,
    audiences: ["https://device-backend.example.com"],
    requireSignedActor: false,
    ...over,
  })

describe("the asset token flow (token exchange with an actor token)", () => {
  it("F-250 F-252 exchanges an access token and a signed actor token for an RS256 asset token the org's /id/keys verifies", async () => {
    settings({ audiences: ["https://a.example.com", "urn:lab:b"], minutes: 5 })
    const actor = await buildActorToken(DEVICE, deviceKey())
    const res = await exchange({ subject_token: await accessToken(), actor_token: actor.token })
    const body = await jsonOf(res)
    expect(res.status).toBe(200)
    expect(Object.keys(body).sort()).toEqual(
      ["access_token", "expires_in", "issued_token_type", "token_type"].sort(),
    )
    expect(body).toMatchObject({
      issued_token_type: "urn:ietf:params:oauth:token-type:jwt",
      token_type: "Bearer",
      expires_in: 300,
    })
    const jwks = await jsonOf(await t.call("/id/keys"))
    const { payload, protectedHeader } = await jwtVerify(
      body.access_token as string,
      createLocalJWKSet(jwks as never),
      {
        algorithms: ["RS256"],
        issuer: MY_DOMAIN,
        audience: "urn:lab:b",
        currentDate: new Date(t.clock.now()),
      },
    )
    expect(protectedHeader).toMatchObject({ alg: "RS256", typ: "JWT" })
    expect(payload).toMatchObject({
      did: "thermostat-42",
      Name: "Hall thermostat",
      Asset: { Name: "Hall thermostat", SerialNumber: "SN-0042" },
      sub: ADMIN.Id,
      aud: ["https://a.example.com", "urn:lab:b"],
      cnf: { jwk: (actor.payload.cnf as { jwk: unknown }).jwk },
    })
    expect(payload.exp! - payload.iat!).toBe(300)
    expect(typeof payload.jti).toBe("string")
  })

  it("F-250 takes an unsigned actor token (alg none) while the app does not require a signature", async () => {
    const actor = await buildActorToken(DEVICE)
    const res = await exchange({ subject_token: await accessToken(), actor_token: actor.token })
    expect(res.status).toBe(200)
    const body = await jsonOf(res)
    expect(body.expires_in).toBe(600)
    expect(decodeProtectedHeader(body.access_token as string).alg).toBe("RS256")
  })

  it("F-251 refuses when the app's asset tokens are disabled: unauthorized_client", async () => {
    settings({ enabled: false })
    const actor = await buildActorToken(DEVICE)
    await expectError(
      await exchange({ subject_token: await accessToken(), actor_token: actor.token }),
      "unauthorized_client",
      "asset tokens are not enabled for this app",
    )
  })

  it("F-251 refuses an unknown, revoked or expired subject token: invalid subject token", async () => {
    const actor = await buildActorToken(DEVICE)
    await expectError(
      await exchange({ subject_token: "00D!AQnotatoken", actor_token: actor.token }),
      "invalid_request",
      "invalid subject token",
    )
    const token = await accessToken()
    await t.call("/services/oauth2/revoke", { form: { token } })
    await expectError(
      await exchange({ subject_token: token, actor_token: actor.token }),
      "invalid_request",
      "invalid subject token",
    )
    const other = await accessToken()
    t.clock.advance(3 * 3600_000)
    await expectError(
      await exchange({ subject_token: other, actor_token: actor.token }),
      "invalid_request",
      "invalid subject token",
    )
  })

  it("F-251 refuses a malformed actor token, or one with claims of the wrong shape", async () => {
    const subject = await accessToken()
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url")
    const none = b64({ alg: "none" })
    for (const bad of [
      "not-a-jwt",
      `${none}.${b64("x")}.`,
      `${none}.${b64({ did: 42 })}.`,
      `${none}.${b64({ did: "d", Asset: { Password: "x" } })}.`,
      `${none}.${b64({ exp: 1, did: "d" })}.`,
      `${none}.${b64({})}.`,
      `${none}.${b64({ did: "d" })}.c2ln`,
    ])
      await expectError(
        await exchange({ subject_token: subject, actor_token: bad }),
        "invalid_request",
        "invalid actor token",
      )
  })

  it("F-251 F-254 refuses an actor token whose signature does not match its cnf key", async () => {
    const subject = await accessToken()
    const signed = await buildActorToken(DEVICE, deviceKey())
    const other = await buildActorToken({ ...DEVICE, name: "Other" }, deviceKey())
    const [h, p] = signed.token.split(".")
    const swapped = `${h}.${p}.${other.token.split(".")[2]}`
    await expectError(
      await exchange({ subject_token: subject, actor_token: swapped }),
      "invalid_request",
      "invalid actor token signature",
    )
  })

  it("F-251 refuses an unsigned actor token when the app requires a signed one", async () => {
    settings({ requireSignedActor: true })
    const subject = await accessToken()
    await expectError(
      await exchange({
        subject_token: subject,
        actor_token: (await buildActorToken(DEVICE)).token,
      }),
      "invalid_request",
      "actor token must be signed",
    )
    const res = await exchange({
      subject_token: subject,
      actor_token: (await buildActorToken(DEVICE, deviceKey())).token,
    })
    expect(res.status).toBe(200)
  })

  it("F-253 a token exchange without an actor token is not the asset token flow", async () => {
    const res = await t.call("/services/oauth2/token", {
      form: {
        grant_type: EXCHANGE,
        subject_token: await accessToken(),
        subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      },
    })
    expect(res.status).toBe(400)
    expect((await jsonOf(res)).error).not.toBe("unauthorized_client")
  })
})

describe("asset token security", () => {
  it("S-290 asset tokens are RS256 only: an actor token signed HS256 or an RS256 token without a cnf key is refused", async () => {
    const subject = await accessToken()
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url")
    const body = `${b64({ alg: "HS256" })}.${b64({ did: "d" })}`
    const mac = crypto.createHmac("sha256", "k").update(body).digest("base64url")
    await expectError(
      await exchange({ subject_token: subject, actor_token: `${body}.${mac}` }),
      "invalid_request",
      "invalid actor token signature",
    )
    const key = deviceKey()
    const rsBody = `${b64({ alg: "RS256" })}.${b64({ did: "d" })}`
    const sig = crypto.sign("sha256", Buffer.from(rsBody), key).toString("base64url")
    await expectError(
      await exchange({ subject_token: subject, actor_token: `${rsBody}.${sig}` }),
      "invalid_request",
      "invalid actor token signature",
    )
    // An unsigned token that still names a device key cannot prove it holds that key.
    const cnf = (await buildActorToken(DEVICE, key)).payload.cnf
    await expectError(
      await exchange({
        subject_token: subject,
        actor_token: `${b64({ alg: "none" })}.${b64({ did: "d", cnf })}.`,
      }),
      "invalid_request",
      "invalid actor token signature",
    )
  })

  it("S-291 a subject token of another app is refused when the client names itself; another app's token gets that app's settings (off)", async () => {
    const other = await registerOtherApp(t)
    const actor = (await buildActorToken(DEVICE)).token
    await expectError(
      await exchange({
        subject_token: await accessToken(),
        actor_token: actor,
        client_id: other.clientId,
      }),
      "invalid_request",
      "subject token was issued to another client",
    )
    // The other app never enabled asset tokens: its own token is refused on its own settings.
    const otherToken = mintAccessToken(
      t.org.ctx.db,
      to15(ORG.Id),
      { clientId: other.clientId, userId: ADMIN.Id, scopes: ["api"] },
      t.clock.now(),
      3600_000,
    ).token
    await expectError(
      await exchange({ subject_token: otherToken, actor_token: actor }),
      "unauthorized_client",
      "asset tokens are not enabled for this app",
    )
  })

  it("S-292 an actor token over 8,192 characters is refused before it is parsed", async () => {
    const subject = await accessToken()
    const big =
      (await buildActorToken({ ...DEVICE, name: "x".repeat(10) })).token + "A".repeat(8200)
    await expectError(
      await exchange({ subject_token: subject, actor_token: big }),
      "invalid_request",
      "actor token too large",
    )
  })

  it("S-293 an actor token's cnf must be a public RSA key of 2048 bits or more: a private key or a short key is refused", async () => {
    const subject = await accessToken()
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url")
    const small = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey
    const privJwk = deviceKey().export({ format: "jwk" })
    for (const jwk of [privJwk, small.export({ format: "jwk" })]) {
      const tok = `${b64({ alg: "none" })}.${b64({ did: "d", cnf: { jwk } })}.`
      await expectError(
        await exchange({ subject_token: subject, actor_token: tok }),
        "invalid_request",
        "invalid actor token",
      )
    }
  })
})
