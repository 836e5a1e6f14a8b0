// Over 200 lines: one suite for the resources a bearer token opens (identity, userinfo, REST).
import crypto from "node:crypto"
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose"
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { ACCOUNTS } from "@/lib/emulator/seed/records"
import { JWT_GRANT, signAssertion, standardClaims } from "../../_helpers/assertions"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const ACCESS_TOKEN_LIFETIME_MS = 120 * 60_000
const INVALID_SESSION =
  '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]'

interface Tokens {
  access_token: string
  id_token?: string
  id: string
  scope: string
}

/** Demo's tokens from the web server flow. */
async function demoLogin(
  scope = "api refresh_token openid profile email",
  nonce?: string,
): Promise<Tokens> {
  const { clientId, clientSecret } = t.org.credentials
  const params: Record<string, string> = {
    response_type: "code",
    client_id: clientId,
    redirect_uri: WEB_CALLBACK,
    scope,
  }
  if (nonce) params.nonce = nonce
  const run = await runAuthorize(new TestBrowser(t), t, params)
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
  return (await res.json()) as Tokens
}

/** The pre-authorized admin's token by JWT bearer: it carries every app scope, `api` included. */
async function adminToken(): Promise<Tokens> {
  const { clientId, privateKeyPem } = t.org.credentials
  const assertion = await signAssertion(
    privateKeyPem,
    standardClaims(clientId, t.base, "admin@example.com", t.clock.now()),
  )
  const res = await t.call("/services/oauth2/token", { form: { grant_type: JWT_GRANT, assertion } })
  expect(res.status).toBe(200)
  return (await res.json()) as Tokens
}

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } })
const userinfo = (token?: string) => t.call("/services/oauth2/userinfo", token ? bearer(token) : {})
const rest = (path: string, token?: string) =>
  t.call(`/services/data/v66.0${path}`, token ? bearer(token) : {})

async function expectText(res: Response, status: number, text: string) {
  expect(res.status).toBe(status)
  expect(await res.text()).toBe(text)
}

describe("userinfo", () => {
  it("F-01 F-15 S-85 answers 403 Bad_OAuth_Token, as Salesforce does, with a Bearer challenge to a missing, unknown, expired or revoked token", async () => {
    const missing = await userinfo()
    expect(missing.headers.get("www-authenticate")).toBe("Bearer")
    await expectText(missing, 403, "Bad_OAuth_Token")

    const unknown = await userinfo("00D5g0000LABORG!AQnotARealToken")
    expect(unknown.headers.get("www-authenticate")).toBe('Bearer error="invalid_token"')
    await expectText(unknown, 403, "Bad_OAuth_Token")

    const revoked = await adminToken()
    expect(
      (await t.call("/services/oauth2/revoke", { form: { token: revoked.access_token } })).status,
    ).toBe(200)
    await expectText(await userinfo(revoked.access_token), 403, "Bad_OAuth_Token")

    const expiring = await adminToken()
    expect((await userinfo(expiring.access_token)).status).toBe(200)
    t.clock.advance(ACCESS_TOKEN_LIFETIME_MS)
    await expectText(await userinfo(expiring.access_token), 403, "Bad_OAuth_Token")
  })

  it("returns the token user's claims with the token in a Bearer or OAuth header, or in oauth_token", async () => {
    const tokens = await demoLogin()
    for (const res of [
      await userinfo(tokens.access_token),
      await t.call("/services/oauth2/userinfo", {
        headers: { authorization: `OAuth ${tokens.access_token}` },
      }),
      await t.call(
        `/services/oauth2/userinfo?oauth_token=${encodeURIComponent(tokens.access_token)}`,
      ),
    ]) {
      expect(res.status).toBe(200)
      const body = await jsonOf(res)
      expect(body).toMatchObject({
        sub: tokens.id,
        preferred_username: "demo@example.com",
        email: "demo@example.com",
        active: true,
        user_type: "STANDARD",
      })
      expect(body.user_id).toMatch(/^0055g00000DEMO1\w{3}$/)
      expect(body.organization_id).toMatch(/^00D5g0000LABORG\w{3}$/)
      expect((body.urls as Record<string, string>).rest).toBe(`${t.base}/services/data/v{version}/`)
    }
  })

  it("F-42 S-86 ignores a token in the access_token query parameter: Salesforce's parameter is oauth_token", async () => {
    const { access_token } = await demoLogin()
    await expectText(
      await t.call(`/services/oauth2/userinfo?access_token=${encodeURIComponent(access_token)}`),
      403,
      "Bad_OAuth_Token",
    )
    await expectText(
      await t.call(
        `/id/00D5g0000LABORG/0055g00000DEMO1?access_token=${encodeURIComponent(access_token)}`,
      ),
      403,
      "Bad_OAuth_Token",
    )
  })

  it("S-89 gives the same sub, the identity URL, in userinfo, the id_token and introspection", async () => {
    const tokens = await demoLogin()
    const { clientId, clientSecret } = t.org.credentials
    const info = await jsonOf(await userinfo(tokens.access_token))
    const idToken = decodeJwt(tokens.id_token!) as { sub: string }
    const introspection = await jsonOf(
      await t.call("/services/oauth2/introspect", {
        form: { token: tokens.access_token, client_id: clientId, client_secret: clientSecret },
      }),
    )
    expect(info.sub).toBe(tokens.id)
    expect(idToken.sub).toBe(tokens.id)
    expect(introspection.sub).toBe(tokens.id)
  })
})

describe("identity URL", () => {
  it("returns the token user's identity at the id URL, by header or oauth_token, with {version} left literal", async () => {
    const tokens = await demoLogin()
    const byHeader = await t.call(tokens.id, bearer(tokens.access_token))
    const byParameter = await t.call(
      `${tokens.id}?oauth_token=${encodeURIComponent(tokens.access_token)}`,
    )
    for (const res of [byHeader, byParameter]) {
      expect(res.status).toBe(200)
      const body = await jsonOf(res)
      expect(body).toMatchObject({
        id: tokens.id,
        asserted_user: true,
        username: "demo@example.com",
        display_name: "Dana Demo",
        active: true,
      })
      expect((body.urls as Record<string, string>).query).toBe(
        `${t.base}/services/data/v{version}/query/`,
      )
    }
  })

  it("F-41 replaces {version} with the latest API version for version=latest, and with a given version", async () => {
    const tokens = await demoLogin()
    const latest = await jsonOf(
      await t.call(`${tokens.id}?version=latest`, bearer(tokens.access_token)),
    )
    const urls = latest.urls as Record<string, string>
    expect(urls.rest).toBe(`${t.base}/services/data/v66.0/`)
    expect(urls.enterprise).toMatch(
      new RegExp(`^${t.base}/services/Soap/c/66\\.0/00D5g0000LABORG\\w{3}$`),
    )
    expect(JSON.stringify(latest)).not.toContain("{version}")
    const pinned = await jsonOf(
      await t.call(`${tokens.id}?version=62.0`, bearer(tokens.access_token)),
    )
    expect((pinned.urls as Record<string, string>).sobjects).toBe(
      `${t.base}/services/data/v62.0/sobjects/`,
    )
  })

  it("F-40 S-88 shows another user's identity to a token with the api scope, and refuses it without", async () => {
    const demo = await demoLogin()
    const admin = await adminToken()
    const cross = await t.call(demo.id, bearer(admin.access_token))
    expect(cross.status).toBe(200)
    expect(await jsonOf(cross)).toMatchObject({
      id: demo.id,
      asserted_user: false,
      username: "demo@example.com",
    })

    const idOnly = await demoLogin("id")
    expect(idOnly.scope).toBe("id")
    expect((await t.call(idOnly.id, bearer(idOnly.access_token))).status).toBe(200)
    await expectText(await t.call(admin.id, bearer(idOnly.access_token)), 403, "No_Access")
  })

  it("F-39 S-88 answers another org with 403 Wrong_Org and an unknown user with 404 Bad_Id", async () => {
    const admin = await adminToken()
    const userId = admin.id.split("/").pop()!
    await expectText(
      await t.call(`/id/00D5g0000OTHER1/${userId}`, bearer(admin.access_token)),
      403,
      "Wrong_Org",
    )
    await expectText(
      await t.call(`/id/00D5g0000LABORG/0055g00000NOONE`, bearer(admin.access_token)),
      404,
      "Bad_Id",
    )
    await expectText(await t.call(admin.id), 403, "Bad_OAuth_Token")
  })
})

describe("discovery and keys", () => {
  it("F-51 S-90 publishes an issuer byte-equal to the org's base URL, endpoints under it, S256 and RS256 only", async () => {
    const res = await t.call("/.well-known/openid-configuration")
    expect(res.status).toBe(200)
    const doc = await jsonOf(res)
    expect(doc.issuer).toBe(t.base)
    expect(doc).toMatchObject({
      authorization_endpoint: `${t.base}/services/oauth2/authorize`,
      token_endpoint: `${t.base}/services/oauth2/token`,
      revocation_endpoint: `${t.base}/services/oauth2/revoke`,
      userinfo_endpoint: `${t.base}/services/oauth2/userinfo`,
      introspection_endpoint: `${t.base}/services/oauth2/introspect`,
      jwks_uri: `${t.base}/id/keys`,
    })
    expect(doc.code_challenge_methods_supported).toContain("S256")
    expect(doc.id_token_signing_alg_values_supported).toEqual(["RS256"])
    expect(doc.token_endpoint_auth_methods_supported).not.toContain("none")
    expect(
      (doc.token_endpoint_auth_signing_alg_values_supported as string[] | undefined) ?? [],
    ).not.toContain("none")
    for (const key of [
      "authorization_endpoint",
      "token_endpoint",
      "revocation_endpoint",
      "userinfo_endpoint",
      "introspection_endpoint",
      "jwks_uri",
    ]) {
      expect((await t.call(doc[key] as string)).status, key).not.toBe(404)
    }
  })

  it("S-91 publishes only public key members in /id/keys, with unique kids", async () => {
    const { keys } = (await (await t.call("/id/keys")).json()) as JSONWebKeySet
    expect(keys.length).toBeGreaterThan(0)
    for (const key of keys) {
      for (const secret of ["d", "p", "q", "dp", "dq", "qi", "k"])
        expect(key).not.toHaveProperty(secret)
      expect(key).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" })
    }
    const kids = keys.map((k) => k.kid)
    expect(new Set(kids).size).toBe(kids.length)
  })

  it("signs the web server flow's id_token with a published key: it verifies pinned to issuer, audience and RS256, with at_hash and nonce", async () => {
    const nonce = crypto.randomBytes(16).toString("base64url")
    const tokens = await demoLogin("api openid profile", nonce)
    const published = (await (await t.call("/id/keys")).json()) as JSONWebKeySet
    const { payload, protectedHeader } = await jwtVerify(
      tokens.id_token!,
      createLocalJWKSet(published),
      {
        issuer: t.base,
        audience: t.org.credentials.clientId,
        algorithms: ["RS256"],
        currentDate: new Date(t.clock.now()),
      },
    )
    expect(protectedHeader.alg).toBe("RS256")
    expect(published.keys.map((k) => k.kid)).toContain(protectedHeader.kid)
    expect(payload.sub).toBe(tokens.id)
    expect(payload.nonce).toBe(nonce)
    const atHash = crypto
      .createHash("sha256")
      .update(tokens.access_token)
      .digest()
      .subarray(0, 16)
      .toString("base64url")
    expect(payload.at_hash).toBe(atHash)
  })
})

describe("REST API", () => {
  it("F-54 lists the API versions at /services/data as {label, url, version}", async () => {
    const res = await t.call("/services/data")
    expect(res.status).toBe(200)
    const versions = (await res.json()) as Record<string, unknown>[]
    expect(versions.length).toBeGreaterThan(1)
    for (const v of versions) {
      expect(Object.keys(v).sort()).toEqual(["label", "url", "version"])
      expect(v.url).toBe(`/services/data/v${v.version as string}`)
    }
    expect(versions.at(-1)).toEqual({
      label: "Spring '26",
      url: "/services/data/v66.0",
      version: "66.0",
    })
  })

  it("counts every API call in DailyApiRequests at /limits", async () => {
    const { access_token } = await adminToken()
    const first = (await jsonOf(await rest("/limits", access_token))).DailyApiRequests as {
      Max: number
      Remaining: number
    }
    expect(first).toEqual({ Max: 15_000, Remaining: 14_999 })
    expect((await rest("/query?q=SELECT+Id+FROM+Account", access_token)).status).toBe(200)
    const second = (await jsonOf(await rest("/limits", access_token))).DailyApiRequests as {
      Max: number
      Remaining: number
    }
    expect(second).toEqual({ Max: 15_000, Remaining: 14_997 })
  })

  it("answers a SOQL query with records carrying attributes", async () => {
    const { access_token } = await adminToken()
    const res = await rest(
      `/query?q=${encodeURIComponent("SELECT Id, Name FROM Account LIMIT 5")}`,
      access_token,
    )
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      totalSize: number
      done: boolean
      records: Record<string, unknown>[]
    }
    expect(body.totalSize).toBe(5)
    expect(body.done).toBe(true)
    expect(body.records).toHaveLength(5)
    body.records.forEach((r, i) => {
      expect(r).toEqual({
        attributes: {
          type: "Account",
          url: `/services/data/v66.0/sobjects/Account/${ACCOUNTS[i]!.Id}`,
        },
        Id: ACCOUNTS[i]!.Id,
        Name: ACCOUNTS[i]!.Name,
      })
    })
  })

  it("answers a malformed query and an unknown object with 400 and an array of {message, errorCode}", async () => {
    const { access_token } = await adminToken()
    const malformed = await rest(
      `/query?q=${encodeURIComponent("SELECT Id, Name FROM Account WHERE")}`,
      access_token,
    )
    expect(malformed.status).toBe(400)
    expect(await malformed.json()).toEqual([
      {
        message:
          "\nSELECT Id, Name FROM Account WHERE\n                                  ^\nERROR at Row:1:Column:35\nunexpected token: <EOF>",
        errorCode: "MALFORMED_QUERY",
      },
    ])
    const unknownType = await rest(
      `/query?q=${encodeURIComponent("SELECT Id FROM ScratchOrgInfo limit 1")}`,
      access_token,
    )
    expect(unknownType.status).toBe(400)
    expect(await unknownType.json()).toEqual([
      {
        message:
          "\nSELECT Id FROM ScratchOrgInfo limit 1\n               ^\nERROR at Row:1:Column:16\n" +
          "sObject type 'ScratchOrgInfo' is not supported. If you are attempting to use a custom object, " +
          "be sure to append the '__c' after the entity name. Please reference your WSDL or the describe " +
          "call for the appropriate names.",
        errorCode: "INVALID_TYPE",
      },
    ])
  })

  it("F-38 answers a missing, unknown, query-string, revoked or expired token with 401 INVALID_SESSION_ID", async () => {
    await expectText(await rest("/limits"), 401, INVALID_SESSION)
    await expectText(await rest("/limits", "00D5g0000LABORG!AQnotARealToken"), 401, INVALID_SESSION)
    const revoked = await adminToken()
    await expectText(
      await t.call(
        `/services/data/v66.0/limits?oauth_token=${encodeURIComponent(revoked.access_token)}`,
      ),
      401,
      INVALID_SESSION,
    )
    expect(
      (await t.call("/services/oauth2/revoke", { form: { token: revoked.access_token } })).status,
    ).toBe(200)
    await expectText(await rest("/limits", revoked.access_token), 401, INVALID_SESSION)
    const expiring = await adminToken()
    expect((await rest("/limits", expiring.access_token)).status).toBe(200)
    t.clock.advance(ACCESS_TOKEN_LIFETIME_MS)
    await expectText(
      await rest("/query?q=SELECT+Id+FROM+Account", expiring.access_token),
      401,
      INVALID_SESSION,
    )
  })

  it("F-55 refuses a token without the api scope with 401: not valid for use with the REST API", async () => {
    const { access_token } = await demoLogin("id openid")
    const res = await rest("/limits", access_token)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual([
      {
        message: "This session is not valid for use with the REST API",
        errorCode: "INVALID_SESSION_ID",
      },
    ])
  })
})
