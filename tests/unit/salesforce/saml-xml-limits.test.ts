import crypto from "node:crypto"
import { afterEach, describe, expect, it, vi } from "vitest"
import { SignedXml } from "xml-crypto"
import { planSamlAssertion, samlAssertionXml, signSamlXml } from "@/lib/salesforce/saml-assertion"
import {
  SamlAssertionInvalid,
  unverifiedIssuer,
  verifySamlAssertion,
} from "@/lib/salesforce/saml-xml"

const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
const pem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString()
const pub = keys.publicKey.export({ type: "spki", format: "pem" })
const LOGIN = "https://login.salesforce.com"
const plan = () =>
  planSamlAssertion({ clientId: "client-1", username: "u@example.com", audience: LOGIN })
/** The assertion's XML, changed by `edit` before it is signed. */
const signed = (edit: (xml: string) => string = (x) => x) =>
  signSamlXml(edit(samlAssertionXml(plan())), pem)

function reason(run: () => unknown): string {
  try {
    run()
  } catch (e) {
    if (e instanceof SamlAssertionInvalid) return e.reason
    throw e
  }
  return "accepted"
}
const verdict = (xml: string) => reason(() => verifySamlAssertion(xml, pub))

const AUDIENCE = `<saml:AudienceRestriction><saml:Audience>${LOGIN}</saml:Audience></saml:AudienceRestriction>`
const addCondition = (condition: string) => (xml: string) =>
  xml.replace(AUDIENCE, `${AUDIENCE}${condition}`)

afterEach(() => vi.restoreAllMocks())

describe("saml-xml: Conditions (SAML Core 2.0 §2.5.1)", () => {
  it("S-274 keeps each AudienceRestriction apart, so the caller can require every one (§2.5.1.4)", () => {
    const other = `<saml:AudienceRestriction><saml:Audience>https://other-sp.example</saml:Audience></saml:AudienceRestriction>`
    const claims = verifySamlAssertion(signed(addCondition(other)), pub)
    expect(claims.audienceRestrictions).toEqual([[LOGIN], ["https://other-sp.example"]])
  })

  it("S-274 refuses a Condition it does not understand: a custom Condition, a ProxyRestriction, a foreign element", () => {
    const custom = `<saml:Condition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:ex="urn:example" xsi:type="ex:Custom"/>`
    expect(verdict(signed(addCondition(custom)))).toBe(
      "a Condition the org does not understand: Condition",
    )
    const proxy = `<saml:ProxyRestriction Count="0"/>`
    expect(verdict(signed(addCondition(proxy)))).toBe(
      "a Condition the org does not understand: ProxyRestriction",
    )
    const foreign = `<ex:Anything xmlns:ex="urn:example"/>`
    expect(verdict(signed(addCondition(foreign)))).toBe(
      "a Condition the org does not understand: Anything",
    )
  })

  it("S-274 takes one OneTimeUse (the assertion's ID is used once anyway), never two (§2.5.1.5)", () => {
    expect(verdict(signed(addCondition("<saml:OneTimeUse/>")))).toBe("accepted")
    expect(verdict(signed(addCondition("<saml:OneTimeUse/><saml:OneTimeUse/>")))).toBe(
      "more than one OneTimeUse",
    )
  })
})

describe("saml-xml: times that are no real xs:dateTime (SAML Core 2.0 §1.3.3)", () => {
  it("S-274 refuses an impossible IssueInstant, NotBefore or NotOnOrAfter, and reads real dates to the millisecond", () => {
    const cases: [string, RegExp, string][] = [
      ["IssueInstant", /IssueInstant="[^"]+"/, 'IssueInstant="2099-99-99T00:00:00Z"'],
      ["NotBefore", /NotBefore="[^"]+"/, 'NotBefore="2099-13-45T99:99:99Z"'],
      ["NotBefore", /NotBefore="[^"]+"/, 'NotBefore="2099-02-31T00:00:00Z"'],
      // The first NotOnOrAfter is the SubjectConfirmationData's, the other the Conditions'.
      ["NotOnOrAfter", /NotOnOrAfter="[^"]+"/, 'NotOnOrAfter="2030-04-31T12:00:00Z"'],
      ["NotOnOrAfter", /NotOnOrAfter="[^"]+"/, 'NotOnOrAfter="2030-01-01T23:59:60Z"'],
      [
        "NotOnOrAfter",
        /(<saml:Conditions[^>]*)NotOnOrAfter="[^"]+"/,
        '$1NotOnOrAfter="2099-02-29T00:00:00Z"',
      ],
      [
        "NotOnOrAfter",
        /(<saml:Conditions[^>]*)NotOnOrAfter="[^"]+"/,
        '$1NotOnOrAfter="2030-01-01T24:00:00Z"',
      ],
    ]
    for (const [attr, from, to] of cases)
      expect(verdict(signed((x) => x.replace(from, to))), to).toBe(`${attr} is not a UTC dateTime`)

    const real = 'IssueInstant="2028-02-29T23:59:59.1234Z"'
    const claims = verifySamlAssertion(
      signed((x) => x.replace(/IssueInstant="[^"]+"/, real)),
      pub,
    )
    expect(claims.issueInstant).toBe(Date.UTC(2028, 1, 29, 23, 59, 59, 123))
  })
})

describe("saml-xml: size, before any signature work (S-272)", () => {
  it("S-272 refuses a 48 KB assertion before xml-crypto is called", () => {
    const load = vi.spyOn(SignedXml.prototype, "loadSignature")
    const check = vi.spyOn(SignedXml.prototype, "checkSignature")
    const filler = "<a/>".repeat(12 * 1024)
    const xml = signed().replace("</saml:Issuer>", `</saml:Issuer>${filler}`)
    expect(xml.length).toBeGreaterThan(48 * 1024)
    expect(verdict(xml)).toBe("too large")
    expect(reason(() => unverifiedIssuer(xml))).toBe("too large")
    expect(load).not.toHaveBeenCalled()
    expect(check).not.toHaveBeenCalled()
  })

  it("S-272 refuses more than 200 elements within the size limit, before xml-crypto is called", () => {
    const check = vi.spyOn(SignedXml.prototype, "checkSignature")
    const xml = signed().replace("</saml:Issuer>", `</saml:Issuer>${"<a/>".repeat(2000)}`)
    expect(xml.length).toBeLessThan(16 * 1024)
    expect(verdict(xml)).toBe("too many elements")
    expect(reason(() => unverifiedIssuer(xml))).toBe("too many elements")
    expect(check).not.toHaveBeenCalled()
    // Deep nesting counts the same way.
    const deep = signed().replace(
      "</saml:Issuer>",
      `</saml:Issuer>${"<a>".repeat(300)}${"</a>".repeat(300)}`,
    )
    expect(verdict(deep)).toBe("too many elements")
    expect(check).not.toHaveBeenCalled()
    // A real assertion stays well within the limit, 40 attributes and all.
    const attributes = Array.from(
      { length: 40 },
      (_, i) =>
        `<saml:Attribute Name="attr${i}"><saml:AttributeValue>value ${i}</saml:AttributeValue></saml:Attribute>`,
    ).join("")
    const real = signed((x) =>
      x.replace(
        "</saml:Assertion>",
        `<saml:AttributeStatement>${attributes}</saml:AttributeStatement></saml:Assertion>`,
      ),
    )
    expect(verdict(real)).toBe("accepted")
  })
})
