import crypto from "node:crypto"
import { describe, expect, it } from "vitest"
import { planSamlAssertion, samlAssertionXml, signSamlXml } from "@/lib/salesforce/saml-assertion"
import {
  decodeAssertionParam,
  SamlAssertionInvalid,
  verifySamlAssertion,
} from "@/lib/salesforce/saml-xml"

const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
const pem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString()
const pub = keys.publicKey.export({ type: "spki", format: "pem" })
const plan = (username: string) =>
  planSamlAssertion({ clientId: "client-1", username, audience: "https://login.salesforce.com" })
const signed = (username = "admin@example.com") =>
  signSamlXml(samlAssertionXml(plan(username)), pem)

/** The reason the verifier gives for refusing `xml`. */
function reason(xml: string): string {
  try {
    verifySamlAssertion(xml, pub)
  } catch (e) {
    if (e instanceof SamlAssertionInvalid) return e.reason
    throw e
  }
  return "accepted"
}

describe("verifySamlAssertion: each defence on its own (S-270, S-272, S-273)", () => {
  it("S-270 accepts the signed assertion, and refuses each wrapping for its own reason", () => {
    const inner = signed("demo@example.com")
    expect(reason(inner)).toBe("accepted")
    const wrapped = samlAssertionXml(plan("admin@example.com")).replace(
      "</saml:Assertion>",
      `<saml:Advice>${inner}</saml:Advice></saml:Assertion>`,
    )
    expect(reason(wrapped)).toBe("more than one Assertion")
    const id = /ID="([^"]+)"/.exec(inner)![1]!
    const sig = inner.slice(inner.indexOf("<ds:Signature"), inner.indexOf("</ds:Signature>") + 15)
    const unsignedInner = inner.replace(sig, "")
    const moved = `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}">${sig}</saml:Assertion>`
    expect(reason(moved)).toBe("the signature does not verify with the app's certificate")
    expect(reason(unsignedInner)).toBe("not exactly one Signature")
    const response = `<p:Response xmlns:p="urn:oasis:names:tc:SAML:2.0:protocol">${inner}</p:Response>`
    expect(reason(response)).toBe("the root element is not a saml:Assertion")
    const otherRef = inner.replace(`URI="#${id}"`, `URI="#other"`)
    expect(reason(otherRef)).toBe("the signature does not reference the assertion by its ID")
    const dupId = inner.replace("<saml:Subject>", `<saml:Subject><x ID="${id}"/>`)
    expect(reason(dupId)).toBe("the assertion's ID is not unique")
  })

  it("S-272 refuses a DOCTYPE before parsing, and malformed XML or encoding", () => {
    expect(reason(`<!DOCTYPE a [<!ENTITY x "y">]>${signed()}`)).toBe("a DOCTYPE is not allowed")
    expect(reason(signed().slice(0, -3))).toMatch(/^malformed XML/)
    expect(() => decodeAssertionParam("<xml/>")).toThrow(SamlAssertionInvalid)
    expect(decodeAssertionParam(Buffer.from("<a/>").toString("base64url"))).toBe("<a/>")
  })

  it("S-273 reads the NameID from the signed canonical copy: a comment neither cuts nor changes it", () => {
    const xml = signed("admin@example.com.evil").replace(".evil<", "<!---->.evil<")
    expect(xml).toContain("admin@example.com<!---->.evil")
    expect(verifySamlAssertion(xml, pub).nameId).toBe("admin@example.com.evil")
  })
})
