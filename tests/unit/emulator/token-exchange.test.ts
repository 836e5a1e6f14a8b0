// Over 200 lines: the Token Exchange grant's success, every refusal with its exact error, and the handler settings side by side.
import crypto from "node:crypto"
import { SignJWT } from "jose"
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { DEMO_USERS } from "@/lib/emulator/seed/records"
import {
  getHandlerSettings,
  saveHandlerSettings,
  type TokenExchangeHandlerSettings,
} from "@/lib/emulator/store/token-exchange-handler"
import { allUsers, findUserById, findUserByUsername } from "@/lib/emulator/users"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"
import { createTestIdp, EXT_DEMO, EXT_NEW, IDP, idpTokens } from "../../_helpers/idp"
import type { Idp } from "@/lib/idp/idp"

const DANA = DEMO_USERS.find((u) => u.Username === "demo@example.com")!
const T = {
  access: "urn:ietf:params:oauth:token-type:access_token",
  id: "urn:ietf:params:oauth:token-type:id_token",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
}

let t: TestOrg
let idp: Idp
let idpFetch: typeof fetch
// One provider for the file (its RSA key takes a while to make), a fresh org per test.
beforeAll(async () => {
  const p = await createTestIdp()
  idp = p.idp
  idpFetch = p.fetch
})
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", externalIdpIssuer: IDP, fetch: idpFetch })
})
afterEach(() => t.close())

function handler(change: Partial<TokenExchangeHandlerSettings>) {
  saveHandlerSettings(t.org.ctx.db, { ...getHandlerSettings(t.org.ctx.db, IDP), ...change })
}
function exchange(subjectToken: string, type = T.id, extra: Record<string, string> = {}) {
  const { clientId, clientSecret } = t.org.credentials
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: subjectToken,
      subject_token_type: type,
      client_id: clientId,
      client_secret: clientSecret,
      ...extra,
    },
  })
}
async function expectRefusal(res: Response, error: string, description: string) {
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual({ error, error_description: description })
}
const refusal = (description: string) => ["invalid_request", description] as const

describe("grant_type=urn:ietf:params:oauth:grant-type:token-exchange", () => {
  it("F-230 exchanges the provider's id_token for Salesforce tokens of the mapped user, with issued_token_type", async () => {
    const { id_token } = await idpTokens(idp)
    const res = await exchange(id_token, T.id, { token_handler: "LabTokenExchangeHandler" })
    expect(res.status).toBe(200)
    const body = await jsonOf(res)
    expect(body.issued_token_type).toBe("urn:ietf:params:oauth:token-type:access_token")
    expect(body.token_type).toBe("Bearer")
    expect(String(body.id)).toMatch(new RegExp(`^http://org\\.test/id/00D\\w{15}/${DANA.Id}$`))
    expect(typeof body.access_token).toBe("string")
    expect(body.instance_url).toBe("http://org.test")
  })

  it("F-230 takes the JWT access token as access_token, and as jwt once the handler accepts JWTs", async () => {
    const { access_token } = await idpTokens(idp)
    expect((await exchange(access_token, T.access)).status).toBe(200)
    handler({ accepts: { access_token: true, id_token: true, jwt: true } })
    expect((await exchange(access_token, T.jwt)).status).toBe(200)
    // Salesforce's enum page spells it …:JWT.
    expect((await exchange(access_token, "urn:ietf:params:oauth:token-type:JWT")).status).toBe(200)
  })

  it("F-231 refuses a token type the handler does not accept", async () => {
    const { access_token } = await idpTokens(idp)
    await expectRefusal(
      await exchange(access_token, T.jwt),
      ...refusal("unsupported subject_token_type"),
    )
    handler({ accepts: { access_token: true, id_token: false, jwt: false } })
    const { id_token } = await idpTokens(idp)
    await expectRefusal(
      await exchange(id_token, T.id),
      ...refusal("unsupported subject_token_type"),
    )
    await expectRefusal(
      await exchange(id_token, "urn:ietf:params:oauth:token-type:saml2"),
      ...refusal("unsupported subject_token_type"),
    )
    await expectRefusal(
      await exchange(id_token, "id_token"),
      ...refusal("invalid subject_token_type"),
    )
  })

  it("F-231 refuses a token from the wrong issuer", async () => {
    const { id_token } = await idpTokens(idp, EXT_DEMO, { issuer: "http://evil.test" })
    await expectRefusal(await exchange(id_token), ...refusal("invalid issuer"))
  })

  it("F-231 refuses an expired token", async () => {
    const { id_token } = await idpTokens(idp, EXT_DEMO, {
      nowS: Math.floor(Date.now() / 1000) - 3600,
    })
    await expectRefusal(await exchange(id_token), ...refusal("token expired"))
  })

  it("F-231 refuses a token audience the handler does not list", async () => {
    handler({ audiences: ["someone-else"] })
    const { id_token } = await idpTokens(idp)
    await expectRefusal(await exchange(id_token), ...refusal("invalid audience"))
  })

  it("F-233 maps by email, by federation id (sub) or by username, and refuses an unknown user while creation is off", async () => {
    const { id_token } = await idpTokens(idp, EXT_NEW)
    await expectRefusal(await exchange(id_token), ...refusal("no user found for the token subject"))
    handler({ mapBy: "federation-id" })
    const byFed = await jsonOf(await exchange((await idpTokens(idp)).id_token))
    expect(String(byFed.id).endsWith(`/${DANA.Id}`)).toBe(true)
    handler({ mapBy: "username" })
    // ext-demo@idp.example is no username of the org.
    await expectRefusal(
      await exchange((await idpTokens(idp)).id_token),
      ...refusal("no user found for the token subject"),
    )
  })

  it("F-234 creates the missing user when the handler may, and the org then knows that user", async () => {
    handler({ createUsers: true })
    const { id_token } = await idpTokens(idp, EXT_NEW)
    const body = await jsonOf(await exchange(id_token))
    const userId = String(body.id).split("/").pop()!
    const user = findUserById(t.org.ctx.db, userId)!
    expect(user.Email).toBe(EXT_NEW.email)
    expect(user.FederationIdentifier).toBe(EXT_NEW.sub)
    const me = await t.call("/services/oauth2/userinfo", {
      headers: { authorization: `Bearer ${String(body.access_token)}` },
    })
    expect((await jsonOf(me)).email).toBe(EXT_NEW.email)
    // The second exchange finds the created user instead of making another.
    const again = await jsonOf(await exchange((await idpTokens(idp, EXT_NEW)).id_token))
    expect(again.id).toBe(body.id)
    // Only this org knows the user: another org in the same process (anyone's test suite runs
    // several) finds nobody, as two Salesforce orgs never share users.
    const other = await createTestOrg()
    try {
      expect(findUserById(other.org.ctx.db, userId)).toBeUndefined()
      expect(findUserByUsername(other.org.ctx.db, user.Username)).toBeUndefined()
    } finally {
      other.close()
    }
  })

  it("F-235 refuses to create a user whose username the org already has, as Salesforce's insert would", async () => {
    // A handler that maps by username but creates users named email + ".lab" never finds the user
    // it created: the second exchange would insert the same username again.
    handler({ mapBy: "username", createUsers: true })
    const first = await jsonOf(await exchange((await idpTokens(idp, EXT_NEW)).id_token))
    const created = findUserById(t.org.ctx.db, String(first.id).split("/").pop()!)!
    expect(created.Username).toBe(`${EXT_NEW.email}.lab`)
    await expectRefusal(
      await exchange((await idpTokens(idp, EXT_NEW)).id_token),
      ...refusal("user creation failed: DUPLICATE_USERNAME"),
    )
    const named = allUsers(t.org.ctx.db).filter((u) => u.Username === created.Username)
    expect(named).toHaveLength(1)
  })

  it("F-232 refuses an unknown token_handler and a missing subject_token; with an actor_token the request is the Asset Token flow's, which takes no external token", async () => {
    const { id_token } = await idpTokens(idp)
    await expectRefusal(
      await exchange(id_token, T.id, { token_handler: "Other" }),
      ...refusal("invalid token_handler"),
    )
    await expectRefusal(await exchange("", T.id), ...refusal("missing subject_token"))
    await expectRefusal(
      await exchange(id_token, T.id, { actor_token: "x", actor_token_type: T.jwt }),
      ...refusal("unsupported subject_token_type"),
    )
  })

  it("F-232 authenticates the app: a wrong secret is invalid_client", async () => {
    const { id_token } = await idpTokens(idp)
    await expectRefusal(
      await exchange(id_token, T.id, { client_secret: "wrong" }),
      "invalid_client",
      "invalid client credentials",
    )
  })
})

describe("Token exchange: the subject token's signature (docs/security.md)", () => {
  it("S-281 refuses a token signed with another key (bad signature)", async () => {
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey
    const forged = await new SignJWT({ email: EXT_DEMO.email })
      .setProtectedHeader({ alg: "RS256", kid: idp.keys.kid })
      .setIssuer(IDP)
      .setSubject(EXT_DEMO.sub)
      .setAudience("salesforce-oauth-lab")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(other)
    await expectRefusal(await exchange(forged), ...refusal("invalid signature"))
  })

  it("S-281 refuses alg none and HS256 (keyed with the provider's public key), RS256 being pinned", async () => {
    const claims = {
      iss: IDP,
      sub: EXT_DEMO.sub,
      aud: "salesforce-oauth-lab",
      email: EXT_DEMO.email,
      exp: Math.floor(Date.now() / 1000) + 300,
    }
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url")
    const none = `${b64({ alg: "none", typ: "JWT" })}.${b64(claims)}.`
    await expectRefusal(await exchange(none), ...refusal("invalid signature"))
    const hs = await new SignJWT(claims)
      .setProtectedHeader({ alg: "HS256", kid: idp.keys.kid })
      .sign(new TextEncoder().encode(JSON.stringify(idp.keys.publicJwk)))
    await expectRefusal(await exchange(hs), ...refusal("invalid signature"))
  })

  it("S-280 fetches keys only from the handler's JWKS URL, never from the token's jku", async () => {
    const seen: string[] = []
    const p = { fetch: idpFetch }
    t.close()
    t = await createTestOrg({
      baseUrl: "http://org.test",
      externalIdpIssuer: IDP,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        seen.push(String(input))
        return p.fetch(input, init)
      }) as typeof fetch,
    })
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey
    const withJku = await new SignJWT({ email: EXT_DEMO.email })
      .setProtectedHeader({ alg: "RS256", kid: "attacker", jku: "http://attacker.test/jwks" })
      .setIssuer(IDP)
      .setSubject(EXT_DEMO.sub)
      .setAudience("salesforce-oauth-lab")
      .setExpirationTime("5m")
      .sign(other)
    await expectRefusal(await exchange(withJku), ...refusal("invalid signature"))
    expect((await exchange((await idpTokens(idp)).id_token)).status).toBe(200)
    expect(new Set(seen)).toEqual(new Set([`${IDP}/jwks`]))
  })
})
