// Over 200 lines: one suite per grant (SAML Bearer), its refusals side by side with the attacks they stop.
import { afterEach, beforeEach, describe, expect, it } from "vitest"
import type { SamlAssertionPlan } from "@/lib/salesforce/saml-assertion"
import { samlAssertionXml } from "@/lib/salesforce/saml-assertion"
import { verifySamlAssertion } from "@/lib/salesforce/saml-xml"
import { appFromOverride } from "@/lib/emulator/keys"
import { DEFAULT_SETTINGS, getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { otherPrivateKeyPem } from "../../_helpers/assertions"
import { runAuthorize, TestBrowser } from "../../_helpers/browser"
import {
  createTestOrg,
  jsonOf,
  registerOtherApp,
  WEB_CALLBACK,
  type TestOrg,
} from "../../_helpers/org"
import { encodeSaml, SAML2_BEARER_GRANT, samlPlan, signedSaml, signXml } from "../../_helpers/saml"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

const ADMIN = "admin@example.com"
const DEMO = "demo@example.com"
const LOGIN = "http://login.org.test"
const INVALID = { error: "invalid_grant", error_description: "invalid assertion" }
const EXPIRED = { error: "invalid_grant", error_description: "expired authorization code" }
const NOT_APPROVED = {
  error: "invalid_grant",
  error_description: "user hasn't approved this consumer",
}

const plan = (username = ADMIN, change: Partial<SamlAssertionPlan> = {}) =>
  samlPlan(t.org.credentials.clientId, LOGIN, username, t.clock.now(), change)
const signed = (username = ADMIN, change: Partial<SamlAssertionPlan> = {}) =>
  signedSaml(plan(username, change), t.org.credentials.privateKeyPem)

function exchange(xml: string, extra: Record<string, string> = {}) {
  return t.call("/services/oauth2/token", {
    form: { grant_type: SAML2_BEARER_GRANT, assertion: encodeSaml(xml), ...extra },
  })
}

async function expectError(res: Response, body: { error: string; error_description: string }) {
  expect(res.status).toBe(400)
  expect(res.headers.get("cache-control")).toBe("no-store")
  expect(await res.json()).toEqual(body)
}

async function expectToken(res: Response, username: string) {
  expect(res.status).toBe(200)
  const body = await jsonOf(res)
  const me = await t.call("/services/oauth2/userinfo", {
    headers: { authorization: `Bearer ${body.access_token as string}` },
  })
  expect((await jsonOf(me)).preferred_username).toBe(username)
  return body
}

/** The signed assertion's parts: before the Signature, the Signature, after it. */
function split(xml: string) {
  const start = xml.indexOf("<ds:Signature")
  const end = xml.indexOf("</ds:Signature>") + "</ds:Signature>".length
  return { head: xml.slice(0, start), signature: xml.slice(start, end), tail: xml.slice(end) }
}
const idOf = (xml: string) => /ID="([^"]+)"/.exec(xml)![1]!

describe("SAML bearer: the successful response", () => {
  it("F-210 issues a pre-authorized user (admin) a token for a signed assertion, with no refresh token", async () => {
    const body = await expectToken(await exchange(signed()), ADMIN)
    expect(Object.keys(body)).toEqual(["access_token", "scope", "instance_url", "id", "token_type"])
    for (const absent of ["refresh_token", "signature", "issued_at", "id_token"])
      expect(body).not.toHaveProperty(absent)
    expect(body.scope).toBe(DEFAULT_SETTINGS.appScopes.join(" "))
    expect(body.instance_url).toBe(t.base)
  })

  it("F-212 takes the login host or My Domain as the Audience, bare or as the token endpoint", async () => {
    for (const audience of [LOGIN, t.base, `${t.base}/services/oauth2/token`, `${LOGIN}/`]) {
      const p = samlPlan(t.org.credentials.clientId, LOGIN, ADMIN, t.clock.now(), { audience })
      await expectToken(await exchange(signedSaml(p, t.org.credentials.privateKeyPem)), ADMIN)
    }
  })

  it("F-217 takes the assertion in plain base64 too", async () => {
    const res = await t.call("/services/oauth2/token", {
      form: {
        grant_type: SAML2_BEARER_GRANT,
        assertion: Buffer.from(signed()).toString("base64"),
      },
    })
    await expectToken(res, ADMIN)
  })
})

describe("SAML bearer: XML signature wrapping", () => {
  it("S-270 refuses a signed assertion wrapped inside an unsigned one that names another user", async () => {
    const inner = signed(DEMO)
    const evil = samlAssertionXml(plan(ADMIN)).replace(
      "</saml:Assertion>",
      `<saml:Advice>${inner}</saml:Advice></saml:Assertion>`,
    )
    await expectError(await exchange(evil), INVALID)
  })

  it("S-270 refuses a moved signature: the evil root carries it, the signed assertion sits inside", async () => {
    const { head, signature, tail } = split(signed(DEMO))
    const original = head + tail
    const evil = samlAssertionXml(plan(ADMIN))
      .replace("</saml:Issuer>", `</saml:Issuer>${signature}`)
      .replace("</saml:Assertion>", `<saml:Advice>${original}</saml:Advice></saml:Assertion>`)
    await expectError(await exchange(evil), INVALID)
  })

  it("S-270 refuses an evil root that copies the signed assertion's ID (the signature then matches two elements)", async () => {
    const inner = signed(DEMO)
    const { signature } = split(inner)
    const evil = samlAssertionXml(plan(ADMIN, { id: idOf(inner) }))
      .replace("</saml:Issuer>", `</saml:Issuer>${signature}`)
      .replace("</saml:Assertion>", `<saml:Advice>${inner}</saml:Advice></saml:Assertion>`)
    await expectError(await exchange(evil), INVALID)
  })

  it("S-270 refuses the signed assertion next to an unsigned one, in a wrapper", async () => {
    const evil =
      `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol">` +
      `${samlAssertionXml(plan(ADMIN))}${signed(DEMO)}</samlp:Response>`
    await expectError(await exchange(evil), INVALID)
    // Nor with the unsigned one first inside the signed one's place of honour: the root.
    const twoRoots = `${samlAssertionXml(plan(ADMIN))}${signed(DEMO)}`
    await expectError(await exchange(twoRoots), INVALID)
  })

  it("S-270 refuses an unsigned assertion, and one whose signature references something else", async () => {
    await expectError(await exchange(samlAssertionXml(plan())), INVALID)
    const xml = signed()
    await expectError(await exchange(xml.replace(`URI="#${idOf(xml)}"`, 'URI=""')), INVALID)
  })
})

describe("SAML bearer: the signature", () => {
  it("S-271 refuses content changed after signing (the NameID)", async () => {
    await expectError(await exchange(signed(DEMO).replace(DEMO, ADMIN)), INVALID)
  })

  it("S-271 refuses a damaged SignatureValue", async () => {
    const xml = signed().replace(
      /<ds:SignatureValue>(.)/,
      (_m, c: string) => `<ds:SignatureValue>${c === "A" ? "B" : "A"}`,
    )
    await expectError(await exchange(xml), INVALID)
  })

  it("S-271 refuses an assertion signed with another key, even with that key's certificate in KeyInfo", async () => {
    await expectError(await exchange(signedSaml(plan(), otherPrivateKeyPem())), INVALID)
    const other = await appFromOverride({
      clientId: "3MVG9NotRegistered",
      clientSecret: "NOT-REGISTERED-SECRET",
      privateKeyPem: otherPrivateKeyPem(),
    })
    const withKeyInfo = signXml(samlAssertionXml(plan()), other.privateKeyPem, {
      certificatePem: other.certificatePem,
    })
    expect(withKeyInfo).toContain("<ds:X509Certificate>")
    await expectError(await exchange(withKeyInfo), INVALID)
  })

  it("S-271 F-216 refuses RSA-SHA1, which the org does not take", async () => {
    const xml = signXml(samlAssertionXml(plan()), t.org.credentials.privateKeyPem, {
      algorithm: "http://www.w3.org/2000/09/xmldsig#rsa-sha1",
    })
    await expectError(await exchange(xml), INVALID)
  })

  it("S-271 F-215 refuses an Issuer that is another app (its certificate does not verify) and an unknown one", async () => {
    const other = await registerOtherApp(t)
    await expectError(await exchange(signed(ADMIN, { issuer: other.clientId })), INVALID)
    await expectError(await exchange(signed(ADMIN, { issuer: "3MVGnobody" })), {
      error: "invalid_client_id",
      error_description: "client identifier invalid",
    })
  })

  it("S-272 refuses a DOCTYPE (entities) and malformed XML", async () => {
    const xml = signed()
    await expectError(await exchange(`<!DOCTYPE x [<!ENTITY e "${ADMIN}">]>${xml}`), INVALID)
    await expectError(await exchange(xml.slice(0, -5)), INVALID)
    const res = await t.call("/services/oauth2/token", {
      form: { grant_type: SAML2_BEARER_GRANT, assertion: "not an assertion!" },
    })
    await expectError(res, INVALID)
  })
})

describe("SAML bearer: a comment inside the NameID", () => {
  it("S-273 resolves the user that was signed: a comment cannot cut admin@example.com out of another name", async () => {
    const xml = signed(`${ADMIN}.evil`).replace(`${ADMIN}.evil`, `${ADMIN}<!---->.evil`)
    // The signature still verifies (comments are not signed), and the name read is the signed one.
    expect(verifySamlAssertion(xml, t.org.credentials.certificatePem).nameId).toBe(`${ADMIN}.evil`)
    await expectError(await exchange(xml), NOT_APPROVED)
  })

  it("S-273 a comment that changes nothing leaves the signed name whole", async () => {
    const xml = signed().replace(ADMIN, "admin@<!-- a comment -->example.com")
    await expectToken(await exchange(xml), ADMIN)
  })
})

describe("SAML bearer: conditions", () => {
  it("S-274 F-213 refuses an expired assertion (past NotOnOrAfter by more than 3 minutes' skew)", async () => {
    const xml = signed()
    t.clock.advance(180_000 + 180_000)
    await expectError(await exchange(xml), EXPIRED)
  })

  it("F-213 accepts an assertion within the 3 minutes' skew after NotOnOrAfter", async () => {
    const xml = signed()
    t.clock.advance(180_000 + 170_000)
    await expectToken(await exchange(xml), ADMIN)
  })

  it("S-274 F-213 refuses an assertion not yet valid (NotBefore past the skew)", async () => {
    const later = new Date(t.clock.now() + 600_000).toISOString().replace(/\.\d+Z$/, "Z")
    await expectError(await exchange(signed(ADMIN, { notBefore: later })), EXPIRED)
  })

  it("S-274 F-211 refuses the wrong audience and the wrong recipient", async () => {
    await expectError(
      await exchange(signed(ADMIN, { audience: "https://login.salesforce.com" })),
      INVALID,
    )
    await expectError(
      await exchange(signed(ADMIN, { recipient: "https://evil.example/services/oauth2/token" })),
      INVALID,
    )
  })

  it("S-275 refuses the same assertion twice (its ID is used once)", async () => {
    const xml = signed()
    await expectToken(await exchange(xml), ADMIN)
    await expectError(await exchange(xml), INVALID)
  })
})

describe("SAML bearer: prior approval", () => {
  it("S-276 F-214 refuses a user who has not approved the app, until they approve it with refresh_token", async () => {
    await expectError(await exchange(signed(DEMO)), NOT_APPROVED)
    const run = await runAuthorize(new TestBrowser(t), t, {
      response_type: "code",
      client_id: t.org.credentials.clientId,
      redirect_uri: WEB_CALLBACK,
      scope: "api refresh_token",
    })
    expect(run.location).toMatch(/[?&]code=/)
    await expectToken(await exchange(signed(DEMO)), DEMO)
  })

  it("S-276 F-214 refuses an inactive user, an unknown one, and under Admin approved a user not pre-authorized", async () => {
    await expectError(await exchange(signed("inactive@example.com")), {
      error: "invalid_grant",
      error_description: "inactive user",
    })
    await expectError(await exchange(signed("nobody@example.com")), NOT_APPROVED)
    saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), appPolicy: "admin-approved" })
    await expectError(await exchange(signed(DEMO)), {
      error: "invalid_app_access",
      error_description: "user is not admin approved to access this app",
    })
  })

  it("S-276 refuses a wrong client secret sent beside the assertion", async () => {
    await expectError(await exchange(signed(), { client_secret: "wrong" }), {
      error: "invalid_client",
      error_description: "invalid client credentials",
    })
  })
})
