import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { SignedXml } from "xml-crypto"
import { samlAssertionXml } from "@/lib/salesforce/saml-assertion"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"
import { encodeSaml, SAML2_BEARER_GRANT, samlPlan, signXml } from "../../_helpers/saml"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(async () => {
  vi.restoreAllMocks()
  await t.close()
})

const ADMIN = "admin@example.com"
const LOGIN = "http://login.org.test"
const INVALID = { error: "invalid_grant", error_description: "invalid assertion" }
const OTHER = "https://other-sp.example"

/** A fresh assertion for the admin (its own ID), changed by `edit` before it is signed. */
const unsigned = (edit: (xml: string) => string = (x) => x) =>
  edit(samlAssertionXml(samlPlan(t.org.credentials.clientId, LOGIN, ADMIN, t.clock.now())))
const signed = (edit?: (xml: string) => string) =>
  signXml(unsigned(edit), t.org.credentials.privateKeyPem)

const RESTRICTION = `<saml:AudienceRestriction><saml:Audience>${LOGIN}</saml:Audience></saml:AudienceRestriction>`
const restriction = (...audiences: string[]) =>
  `<saml:AudienceRestriction>${audiences.map((a) => `<saml:Audience>${a}</saml:Audience>`).join("")}</saml:AudienceRestriction>`
/** Replaces the one AudienceRestriction with `conditions`. */
const conditions = (c: string) => (xml: string) => xml.replace(RESTRICTION, c)

function exchange(xml: string) {
  return t.call("/services/oauth2/token", {
    form: { grant_type: SAML2_BEARER_GRANT, assertion: encodeSaml(xml) },
  })
}

async function expectInvalid(res: Response) {
  expect(res.status).toBe(400)
  expect(await res.json()).toEqual(INVALID)
}

async function expectToken(res: Response) {
  expect(res.status).toBe(200)
  expect((await jsonOf(res)).access_token).toEqual(expect.any(String))
}

describe("SAML bearer: every Condition is understood and satisfied (SAML Core 2.0 §2.5.1)", () => {
  it("S-274 F-211 requires every AudienceRestriction to name the org: a first one naming another party is refused", async () => {
    await expectInvalid(await exchange(signed(conditions(restriction(OTHER) + restriction(LOGIN)))))
    await expectInvalid(await exchange(signed(conditions(restriction(LOGIN) + restriction(OTHER)))))
    // Within one restriction the audiences are alternatives (§2.5.1.4).
    await expectToken(await exchange(signed(conditions(restriction(OTHER, LOGIN)))))
    await expectToken(
      await exchange(signed(conditions(restriction(OTHER, LOGIN) + restriction(t.base)))),
    )
  })

  it("S-274 F-211 refuses an AudienceRestriction with no Audience", async () => {
    await expectInvalid(
      await exchange(signed(conditions(`${RESTRICTION}<saml:AudienceRestriction/>`))),
    )
  })

  it("S-274 F-211 refuses a Condition the org does not understand, and takes OneTimeUse", async () => {
    const custom = `<saml:Condition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ex="urn:example" xsi:type="ex:Custom"/>`
    await expectInvalid(await exchange(signed(conditions(RESTRICTION + custom))))
    await expectInvalid(
      await exchange(signed(conditions(`${RESTRICTION}<saml:ProxyRestriction Count="0"/>`))),
    )
    await expectToken(await exchange(signed(conditions(`${RESTRICTION}<saml:OneTimeUse/>`))))
  })
})

describe("SAML bearer: times that are no real dates (SAML Core 2.0 §1.3.3)", () => {
  it("S-274 F-211 refuses an impossible IssueInstant, NotBefore, NotOnOrAfter or SubjectConfirmationData NotOnOrAfter", async () => {
    const cases: [RegExp, string][] = [
      [/IssueInstant="[^"]+"/, 'IssueInstant="2099-99-99T00:00:00Z"'],
      [/NotBefore="[^"]+"/, 'NotBefore="2099-13-45T99:99:99Z"'],
      [/NotBefore="[^"]+"/, 'NotBefore="2030-02-31T00:00:00Z"'],
      [/(<saml:Conditions[^>]*)NotOnOrAfter="[^"]+"/, '$1NotOnOrAfter="2099-13-45T99:99:99Z"'],
      // The first NotOnOrAfter in the document is the SubjectConfirmationData's.
      [/NotOnOrAfter="[^"]+"/, 'NotOnOrAfter="2099-02-30T00:00:00Z"'],
    ]
    for (const [from, to] of cases)
      await expectInvalid(await exchange(signed((x) => x.replace(from, to))))
  })
})

describe("SAML bearer: size, before any signature work (S-272)", () => {
  it("S-272 refuses a 40 KB unsigned assertion naming the app, without starting signature verification", async () => {
    const load = vi.spyOn(SignedXml.prototype, "loadSignature")
    const check = vi.spyOn(SignedXml.prototype, "checkSignature")
    const xml = unsigned((x) =>
      x.replace("</saml:Issuer>", `</saml:Issuer>${"<a/>".repeat(10_000)}`),
    )
    expect(xml.length).toBeGreaterThan(40_000)
    await expectInvalid(await exchange(xml))
    // Within the size limit, too many elements are refused the same way.
    const many = signed((x) => x.replace("</saml:Issuer>", `</saml:Issuer>${"<a/>".repeat(1000)}`))
    await expectInvalid(await exchange(many))
    expect(load).not.toHaveBeenCalled()
    expect(check).not.toHaveBeenCalled()
  })
})
