// Over 200 lines: one suite per grant (JWT Bearer), its cases side by side.
import crypto from "node:crypto"
import { importPKCS8, SignJWT, type JWTPayload } from "jose"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { appFromOverride } from "@/lib/emulator/keys"
import { registerApp } from "@/lib/emulator/store/apps"
import {
  DEFAULT_SETTINGS,
  getSettings,
  saveSettings,
  type OrgSettings,
} from "@/lib/emulator/store/settings"
import {
  JWT_GRANT,
  otherPrivateKeyPem,
  signAssertion,
  standardClaims,
} from "../../_helpers/assertions"
import { runAuthorize, TestBrowser } from "../../_helpers/browser"
import { basic, createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const ADMIN = "admin@example.com"
const DEMO = "demo@example.com"
const INVALID_ASSERTION = { error: "invalid_grant", error_description: "invalid assertion" }
const NOT_APPROVED = {
  error: "invalid_grant",
  error_description: "user hasn't approved this consumer",
}

const nowS = () => Math.floor(t.clock.now() / 1000)
const claimsFor = (username: string, extra: JWTPayload = {}): JWTPayload => ({
  ...standardClaims(t.org.credentials.clientId, t.base, username, t.clock.now()),
  ...extra,
})
const assertionFor = (
  username: string,
  extra: JWTPayload = {},
  header: Record<string, unknown> = {},
) => signAssertion(t.org.credentials.privateKeyPem, claimsFor(username, extra), header)

function exchange(
  assertion: string,
  extra: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  return t.call("/services/oauth2/token", {
    form: { grant_type: JWT_GRANT, assertion, ...extra },
    headers,
  })
}

async function expectError(
  res: Response,
  status: number,
  body: { error: string; error_description: string },
) {
  expect(res.status).toBe(status)
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await res.json()).toEqual(body)
}

function updateSettings(change: Partial<OrgSettings>) {
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), ...change })
}

/** A compact JWS assembled by hand, for headers and algorithms jose refuses to produce. */
const b64url = (part: string | object) =>
  Buffer.from(typeof part === "string" ? part : JSON.stringify(part)).toString("base64url")
function handMade(header: object, claims: object, sign: (input: string) => string): string {
  const input = `${b64url(header)}.${b64url(claims)}`
  return `${input}.${sign(input)}`
}
const rs256With = (pem: string) => (input: string) =>
  crypto.sign("sha256", Buffer.from(input), pem).toString("base64url")
const hs256With = (key: string | Buffer) => (input: string) =>
  crypto.createHmac("sha256", key).update(input).digest("base64url")

/** Demo approves the app in the browser (web server flow); no code exchange is needed. */
async function demoApproves(scope: string) {
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: t.org.credentials.clientId,
    redirect_uri: WEB_CALLBACK,
    scope,
  })
  expect(run.sawConsent).toBe(true)
  expect(run.location).toMatch(/[?&]code=/)
}

describe("JWT bearer: the successful response", () => {
  it("F-20 issues a pre-authorized user (admin) a token at once, in Salesforce's JWT shape", async () => {
    const res = await exchange(await assertionFor(ADMIN))
    expect(res.status).toBe(200)
    expect(res.headers.get("cache-control")).toBe("no-store")
    const body = await jsonOf(res)
    expect(Object.keys(body)).toEqual(["access_token", "scope", "instance_url", "id", "token_type"])
    for (const absent of ["refresh_token", "signature", "issued_at", "id_token", "expires_in"])
      expect(body).not.toHaveProperty(absent)
    expect(body.access_token).toMatch(/^00D5g0000LABORG!AQ[\w.]+$/)
    expect(body.scope).toBe(DEFAULT_SETTINGS.appScopes.join(" "))
    expect(body.instance_url).toBe(t.base)
    expect(body.id).toMatch(
      new RegExp(`^${t.base}/id/00D5g0000LABORG\\w{3}/0055g00000ADMN1\\w{3}$`),
    )
    expect(body.token_type).toBe("Bearer")
    const me = await t.call("/services/oauth2/userinfo", {
      headers: { authorization: `Bearer ${body.access_token as string}` },
    })
    expect(me.status).toBe(200)
    expect((await jsonOf(me)).preferred_username).toBe(ADMIN)
  })

  it("accepts a hand-assembled RS256 assertion, so the tampered variants below fail for their defect alone", async () => {
    const jws = handMade(
      { alg: "RS256", typ: "JWT" },
      claimsFor(ADMIN),
      rs256With(t.org.credentials.privateKeyPem),
    )
    expect((await exchange(jws)).status).toBe(200)
  })
})

// Prior approval: https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5
describe("JWT bearer: prior approval", () => {
  it("F-47 S-56 refuses demo until demo approves the app once with refresh_token, then issues the approved scopes", async () => {
    await expectError(await exchange(await assertionFor(DEMO)), 400, NOT_APPROVED)
    await demoApproves("api refresh_token")
    const res = await exchange(await assertionFor(DEMO))
    expect(res.status).toBe(200)
    const body = await jsonOf(res)
    expect(body.scope).toBe("api refresh_token")
    expect(body.id).toMatch(/\/0055g00000DEMO1\w{3}$/)
    expect(body).not.toHaveProperty("refresh_token")
  })

  it("S-56 does not count an approval without refresh_token as prior approval", async () => {
    await demoApproves("api")
    await expectError(await exchange(await assertionFor(DEMO)), 400, NOT_APPROVED)
  })

  it("S-56 refuses an unknown username, or an assertion without sub, as an unapproved consumer", async () => {
    await expectError(await exchange(await assertionFor("nobody@example.com")), 400, NOT_APPROVED)
    await expectError(
      await exchange(await assertionFor(ADMIN, { sub: undefined })),
      400,
      NOT_APPROVED,
    )
  })

  it("F-03 S-56 answers an inactive user with invalid_grant / inactive user, as Salesforce does", async () => {
    await expectError(await exchange(await assertionFor("inactive@example.com")), 400, {
      error: "invalid_grant",
      error_description: "inactive user",
    })
  })

  it("S-56 with the admin-approved policy refuses a self-approved user with invalid_app_access and still admits the admin", async () => {
    await demoApproves("api refresh_token")
    updateSettings({ appPolicy: "admin-approved" })
    await expectError(await exchange(await assertionFor(DEMO)), 400, {
      error: "invalid_app_access",
      error_description: "user is not admin approved to access this app",
    })
    expect((await exchange(await assertionFor(ADMIN))).status).toBe(200)
  })

  it("F-50 S-56 refuses every user when the app lacks the refresh_token scope: install and preauthorize", async () => {
    updateSettings({
      appScopes: DEFAULT_SETTINGS.appScopes.filter(
        (s) => s !== "refresh_token" && s !== "offline_access",
      ),
    })
    await expectError(await exchange(await assertionFor(ADMIN)), 400, {
      error: "invalid_request",
      error_description: "refresh_token scope is required. Install and preauthorize the app.",
    })
  })

  it("S-56 uses prn over sub when both are present", async () => {
    const asAdmin = await jsonOf(await exchange(await assertionFor(DEMO, { prn: ADMIN })))
    expect(asAdmin.id).toMatch(/\/0055g00000ADMN1\w{3}$/)
    await expectError(await exchange(await assertionFor(ADMIN, { prn: DEMO })), 400, NOT_APPROVED)
  })
})

describe("JWT bearer: request and assertion format", () => {
  it("S-50 requires exactly one assertion parameter", async () => {
    await expectError(
      await t.call("/services/oauth2/token", { form: { grant_type: JWT_GRANT } }),
      400,
      {
        error: "invalid_request",
        error_description: "assertion must be provided",
      },
    )
    const one = await assertionFor(ADMIN)
    const two = new URLSearchParams([
      ["grant_type", JWT_GRANT],
      ["assertion", one],
      ["assertion", await assertionFor(ADMIN)],
    ])
    await expectError(await t.call("/services/oauth2/token", { form: two }), 400, {
      error: "invalid_request",
      error_description: "duplicate parameter: assertion",
    })
  })

  it("S-51 rejects anything that is not a compact JWS: 2 or 4 segments, bad base64url, non-JSON parts, a JWE", async () => {
    const good = await assertionFor(ADMIN)
    const [h, p, s] = good.split(".") as [string, string, string]
    const jwe = `${b64url({ alg: "RSA-OAEP-256", enc: "A256GCM" })}.${"a".repeat(40)}.${"b".repeat(16)}.${"c".repeat(40)}.${"d".repeat(22)}`
    for (const bad of [
      `${h}.${p}`,
      `${h}.${p}.${s}.${s}`,
      `${h}.${p}!.${s}`,
      `${b64url("not json")}.${p}.${s}`,
      `${h}.${b64url("[1,2")}.${s}`,
      jwe,
    ]) {
      await expectError(await exchange(bad), 400, INVALID_ASSERTION)
    }
  })

  it("S-52 rejects a broken signature, an altered payload and a signature by another key", async () => {
    const good = await assertionFor(DEMO, { prn: DEMO })
    const [h, p, s] = good.split(".") as [string, string, string]
    const flipped = `${h}.${p}.${s.slice(0, 10)}${s[10] === "A" ? "B" : "A"}${s.slice(11)}`
    const altered = `${h}.${b64url(claimsFor(ADMIN))}.${s}`
    const foreign = await signAssertion(otherPrivateKeyPem(), claimsFor(ADMIN))
    for (const bad of [flipped, altered, foreign])
      await expectError(await exchange(bad), 400, INVALID_ASSERTION)
  })

  it("S-53 rejects alg none, HS256 keyed with the client secret or the certificate, and RS512", async () => {
    const claims = claimsFor(ADMIN)
    const none = `${b64url({ alg: "none" })}.${b64url(claims)}.`
    const withSecret = handMade({ alg: "HS256" }, claims, hs256With(t.org.credentials.clientSecret))
    const withCert = handMade({ alg: "HS256" }, claims, hs256With(t.org.credentials.certificatePem))
    const rs512 = await new SignJWT(claims)
      .setProtectedHeader({ alg: "RS512" })
      .sign(await importPKCS8(t.org.credentials.privateKeyPem, "RS512"))
    for (const bad of [none, withSecret, withCert, rs512])
      await expectError(await exchange(bad), 400, INVALID_ASSERTION)
  })

  it("S-54 ignores keys carried in the header and rejects an unknown crit extension", async () => {
    const attackerPem = otherPrivateKeyPem()
    const attackerJwk = crypto.createPublicKey(attackerPem).export({ format: "jwk" })
    const embedded = await signAssertion(attackerPem, claimsFor(ADMIN), {
      jwk: attackerJwk,
      kid: "attacker",
    })
    const remote = await signAssertion(attackerPem, claimsFor(ADMIN), {
      jku: "https://attacker.example/jwks.json",
      kid: "attacker",
    })
    const critHeader = { alg: "RS256", crit: ["urn:example:unknown"], "urn:example:unknown": true }
    const crit = handMade(critHeader, claimsFor(ADMIN), rs256With(t.org.credentials.privateKeyPem))
    for (const bad of [embedded, remote, crit])
      await expectError(await exchange(bad), 400, INVALID_ASSERTION)
  })

  it("S-55 answers a missing or unknown iss with invalid_client_id", async () => {
    const expected = { error: "invalid_client_id", error_description: "client identifier invalid" }
    await expectError(await exchange(await assertionFor(ADMIN, { iss: undefined })), 400, expected)
    await expectError(
      await exchange(await assertionFor(ADMIN, { iss: "3MVG9unknownConsumerKey" })),
      400,
      expected,
    )
  })

  it("F-48 S-57 rejects an audience that is missing, another host, the token endpoint, or an array without the org", async () => {
    const expected = { error: "invalid_grant", error_description: "audience is invalid" }
    const tokenEndpoint = `${t.base}/services/oauth2/token`
    for (const aud of [
      undefined,
      "https://test.salesforce.com",
      "https://login.salesforce.com",
      tokenEndpoint,
      ["https://login.salesforce.com"],
    ]) {
      await expectError(await exchange(await assertionFor(ADMIN, { aud })), 400, expected)
    }
  })

  it("S-57 accepts the org's URL with a trailing slash, or inside an audience array", async () => {
    expect((await exchange(await assertionFor(ADMIN, { aud: `${t.base}/` }))).status).toBe(200)
    expect(
      (await exchange(await assertionFor(ADMIN, { aud: ["https://login.salesforce.com", t.base] })))
        .status,
    ).toBe(200)
  })
})

describe("JWT bearer: validity window and replay", () => {
  it("S-58 rejects a missing exp and an exp 5 minutes in the past", async () => {
    await expectError(
      await exchange(await assertionFor(ADMIN, { exp: undefined })),
      400,
      INVALID_ASSERTION,
    )
    await expectError(
      await exchange(await assertionFor(ADMIN, { exp: nowS() - 300 })),
      400,
      INVALID_ASSERTION,
    )
  })

  it("S-58 tolerates an exp one minute in the past as clock skew", async () => {
    expect((await exchange(await assertionFor(ADMIN, { exp: nowS() - 60 }))).status).toBe(200)
  })

  it("S-58 rejects an assertion once the clock has moved past its exp and the skew", async () => {
    const assertion = await assertionFor(ADMIN)
    t.clock.advance(7 * 60_000)
    await expectError(await exchange(assertion), 400, INVALID_ASSERTION)
  })

  it("S-58 accepts exp written as a numeric string, as in Salesforce's documentation example", async () => {
    const assertion = await signAssertion(t.org.credentials.privateKeyPem, {
      ...claimsFor(ADMIN),
      exp: String(nowS() + 120),
    } as unknown as JWTPayload)
    expect((await exchange(assertion)).status).toBe(200)
  })

  it("F-49 S-59 accepts exp in milliseconds (as @salesforce/core signs it) and a day ahead by default", async () => {
    expect((await exchange(await assertionFor(ADMIN, { exp: t.clock.now() + 300 }))).status).toBe(
      200,
    )
    expect((await exchange(await assertionFor(ADMIN, { exp: nowS() + 86_400 }))).status).toBe(200)
  })

  it("S-59 with strictAssertionExpiry rejects exp in milliseconds or a day ahead, and keeps accepting 3 minutes", async () => {
    updateSettings({ strictAssertionExpiry: true })
    await expectError(
      await exchange(await assertionFor(ADMIN, { exp: t.clock.now() + 300 })),
      400,
      INVALID_ASSERTION,
    )
    await expectError(
      await exchange(await assertionFor(ADMIN, { exp: nowS() + 86_400 })),
      400,
      INVALID_ASSERTION,
    )
    expect((await exchange(await assertionFor(ADMIN, { exp: nowS() + 180 }))).status).toBe(200)
  })

  it("S-60 rejects nbf or iat beyond the skew in the future", async () => {
    await expectError(
      await exchange(await assertionFor(ADMIN, { nbf: nowS() + 600 })),
      400,
      INVALID_ASSERTION,
    )
    await expectError(
      await exchange(await assertionFor(ADMIN, { iat: nowS() + 600 })),
      400,
      INVALID_ASSERTION,
    )
    expect(
      (await exchange(await assertionFor(ADMIN, { nbf: nowS() - 10, iat: nowS() - 10 }))).status,
    ).toBe(200)
  })

  it("S-61 rejects a replayed jti, also after a restart", async () => {
    const assertion = await assertionFor(ADMIN)
    expect((await exchange(assertion)).status).toBe(200)
    await expectError(await exchange(assertion), 400, INVALID_ASSERTION)
    await t.restart()
    await expectError(await exchange(assertion), 400, INVALID_ASSERTION)
    expect((await exchange(await assertionFor(ADMIN))).status).toBe(200)
  })
})

describe("JWT bearer: replay of a long-lived assertion", () => {
  it("S-61 remembers a jti for as long as its assertion is accepted, exp in milliseconds included", async () => {
    // The sf CLI signs exp in milliseconds and orgs accept it (§4.1 of the flows notes, F-44): such
    // an assertion never expires, so its jti must never be forgotten.
    const inMs = await assertionFor(ADMIN, { exp: t.clock.now() + 180_000 })
    expect((await exchange(inMs)).status).toBe(200)
    t.clock.advance(2 * 86_400_000)
    await expectError(await exchange(inMs), 400, INVALID_ASSERTION)
  })
})

describe("JWT bearer: grant type, client credentials and size", () => {
  it("S-62 answers a misspelled or wrongly cased grant_type URN with unsupported_grant_type", async () => {
    const assertion = await assertionFor(ADMIN)
    for (const grant_type of [
      "urn:ietf:params:oauth:grant-type:JWT-bearer",
      "urn:ietf:params:oauth:grant-type:jwt_bearer",
      "jwt-bearer",
    ]) {
      await expectError(
        await t.call("/services/oauth2/token", { form: { grant_type, assertion } }),
        400,
        {
          error: "unsupported_grant_type",
          error_description: "grant type not supported",
        },
      )
    }
  })

  it("S-63 validates client credentials sent along with the assertion, in the body or as Basic", async () => {
    const { clientId, clientSecret } = t.org.credentials
    const expected = { error: "invalid_client", error_description: "invalid client credentials" }
    await expectError(
      await exchange(await assertionFor(ADMIN), { client_id: clientId, client_secret: "wrong" }),
      400,
      expected,
    )
    await expectError(
      await exchange(await assertionFor(ADMIN), {}, { authorization: basic(clientId, "wrong") }),
      400,
      expected,
    )
    expect(
      (
        await exchange(await assertionFor(ADMIN), {
          client_id: clientId,
          client_secret: clientSecret,
        })
      ).status,
    ).toBe(200)
    expect(
      (
        await exchange(
          await assertionFor(ADMIN),
          {},
          { authorization: basic(clientId, clientSecret) },
        )
      ).status,
    ).toBe(200)
  })

  it("S-63 refuses another app's valid credentials sent with this app's assertion", async () => {
    const other = await appFromOverride({
      clientId: "3MVG9OtherAppForJwtTests",
      clientSecret: "OTHER-APP-SECRET",
      privateKeyPem: otherPrivateKeyPem(),
    })
    registerApp(t.org.ctx.db, other, [WEB_CALLBACK], t.clock.now())
    await expectError(
      await exchange(
        await assertionFor(ADMIN),
        {},
        { authorization: basic(other.clientId, other.clientSecret) },
      ),
      400,
      {
        error: "invalid_client",
        error_description: "invalid client credentials",
      },
    )
  })

  it("S-65 refuses a 1 MB assertion with 413 before parsing it", async () => {
    const huge = `${b64url({ alg: "RS256" })}.${"A".repeat(1024 * 1024)}.sig`
    const res = await exchange(huge)
    await expectError(res, 413, {
      error: "invalid_request",
      error_description: "request body too large",
    })
  })
})
