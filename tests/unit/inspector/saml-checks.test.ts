import crypto from "node:crypto"
import { describe, expect, it } from "vitest"
import type { LabSession } from "@/lib/auth/session-types"
import { samlAssertionView } from "@/lib/inspector/saml-checks"
import { planSamlAssertion, signSamlAssertion } from "@/lib/salesforce/saml-assertion"

const LOGIN = "https://login.salesforce.com"
const NOW = 1795882150000
const keys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
const pem = keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString()

const sent = (username = "admin@example.com") =>
  signSamlAssertion(
    planSamlAssertion({ clientId: "client-1", username, audience: LOGIN, nowMs: NOW }),
    pem,
  ).xml

function session(samlAssertion: string): LabSession {
  return {
    flow: "saml-bearer",
    loginUrl: LOGIN,
    signedInAt: NOW + 1000,
    user: {
      userId: "0055g00000ADMN1AAP",
      orgId: "00D5g0000LABORGEQ5",
      username: "admin@example.com",
      displayName: "Ada Admin",
    },
    tokens: {
      accessToken: "00D5g0000LABORG!AQx",
      scopes: ["api"],
      identityUrl: `${LOGIN}/id/00D5g0000LABORGEQ5/0055g00000ADMN1AAP`,
      instanceUrl: "https://acme.my.salesforce.com",
      tokenType: "Bearer",
      orgId: "00D5g0000LABORGEQ5",
      userId: "0055g00000ADMN1AAP",
    },
    samlAssertion,
    transcriptId: "t1",
  }
}

const expected = { clientId: "client-1", audience: LOGIN }

describe("the inspector's SAML assertion", () => {
  it("shows the assertion as indented XML and passes every check for what the site sent", () => {
    const view = samlAssertionView(session(sent()), keys.publicKey, expected)!
    expect(view.xml.split("\n").length).toBeGreaterThan(20)
    expect(view.xml).toContain(
      '\n    <saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">admin@example.com</saml:NameID>',
    )
    expect(view.checks.map((c) => [c.name, c.result.status])).toEqual([
      ["signature", "pass"],
      ["Issuer", "pass"],
      ["NameID", "pass"],
      ["Audience", "pass"],
      ["Recipient", "pass"],
      ["times", "pass"],
    ])
  })

  it("fails the signature for another key or a changed assertion, and names the NameID that differs", () => {
    const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey
    expect(samlAssertionView(session(sent()), other, expected)!.checks).toEqual([
      {
        name: "signature",
        result: {
          status: "fail",
          detail: "the signature does not verify with the app's certificate",
        },
      },
    ])
    const changed = sent().replace("admin@example.com", "demo@example.com")
    expect(
      samlAssertionView(session(changed), keys.publicKey, expected)!.checks[0]!.result.status,
    ).toBe("fail")
    const demo = samlAssertionView(session(sent("demo@example.com")), keys.publicKey, expected)!
    expect(demo.checks.find((c) => c.name === "NameID")!.result).toEqual({
      status: "fail",
      detail: "demo@example.com is not the signed-in user (admin@example.com)",
    })
  })

  it("has nothing to show for a session without a SAML assertion", () => {
    const s = session("")
    delete s.samlAssertion
    expect(samlAssertionView(s, keys.publicKey, expected)).toBeUndefined()
  })
})
