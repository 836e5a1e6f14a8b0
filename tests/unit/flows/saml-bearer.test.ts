import crypto from "node:crypto"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { setPreauthorized } from "@/lib/emulator/store/apps"
import { USERS } from "@/lib/emulator/seed/records"
import { decodeAssertionParam, verifySamlAssertion } from "@/lib/salesforce/saml-xml"
import {
  failureOf,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The SAML Bearer flow as the site runs it (lib/flows/saml-bearer.ts, lib/salesforce/saml-assertion.ts)
 * in real-org mode, against an embedded org served over HTTP and captured there (docs/security.md,
 * C-170 to C-172).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

async function run(username: string) {
  const { runSamlBearer } = await import("@/lib/flows/saml-bearer")
  return runSamlBearer(username)
}
const ADMIN_ID = USERS.find((u) => u.Username === "admin@example.com")!.Id
const sentForm = () => new URLSearchParams(h.tokenCalls().at(-1)!.body)

describe("the SAML assertion the site sends", () => {
  it("C-170 is signed with the configured key (RSA-SHA256, exclusive c14n, no KeyInfo), Issuer = consumer key, NameID = the configured user, Audience = the login URL, Recipient = its token endpoint, 3 minutes, a fresh ID", async () => {
    const before = Date.now() - 1000
    const r = await run("admin@example.com")
    expect(r.location).toBe("/inspector")
    const form = sentForm()
    expect(form.get("grant_type")).toBe("urn:ietf:params:oauth:grant-type:saml2-bearer")
    expect(form.get("assertion")).toMatch(/^[A-Za-z0-9_-]+$/)
    const xml = decodeAssertionParam(form.get("assertion")!)
    expect(xml).toContain(
      '<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>',
    )
    expect(xml).toContain(
      '<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>',
    )
    expect(xml).not.toContain("KeyInfo")
    const claims = verifySamlAssertion(
      xml,
      crypto.createPublicKey(h.privateKeyPem).export({ type: "spki", format: "pem" }),
    )
    expect(claims).toMatchObject({
      issuer: h.clientId,
      nameId: "admin@example.com",
      audiences: [h.loginUrl],
      recipient: `${h.loginUrl}/services/oauth2/token`,
      method: "urn:oasis:names:tc:SAML:2.0:cm:bearer",
    })
    expect(claims.issueInstant!).toBeGreaterThanOrEqual(before - 1000)
    expect(claims.notOnOrAfter! - claims.issueInstant!).toBe(180_000)
    expect(claims.subjectNotOnOrAfter).toBe(claims.notOnOrAfter)
    // The session keeps the XML for the inspector; a second run signs a new ID.
    const s = await sessionOf(r.cookies)
    expect(s?.flow).toBe("saml-bearer")
    expect(s?.samlAssertion).toBe(xml)
    await run("admin@example.com")
    expect(decodeAssertionParam(sentForm().get("assertion")!)).not.toContain(`ID="${claims.id}"`)
  })

  it("C-171 never signs for a username the operator did not configure", async () => {
    for (const username of ["", "demo@example.com", "admin@example.com,demo@example.com"]) {
      expect(await failureOf((await run(username)).cookies)).toMatchObject({
        code: "USERNAME_NOT_ALLOWED",
      })
    }
    expect(h.log).toHaveLength(0)
  })
})

describe("when the org refuses", () => {
  it("C-172 a user who is no longer pre-authorized: one token request, no session, Salesforce's words and the user for the error page", async () => {
    setPreauthorized(h.t.org.ctx.db, h.clientId, [])
    try {
      const r = await run("admin@example.com")
      expect(r.location).toBe("/flows/error")
      expect(await sessionOf(r.cookies)).toBeUndefined()
      expect(h.tokenCalls()).toHaveLength(1)
      expect(await failureOf(r.cookies)).toMatchObject({
        flow: "saml-bearer",
        error: "invalid_grant",
        errorDescription: "user hasn't approved this consumer",
        username: "admin@example.com",
      })
    } finally {
      setPreauthorized(h.t.org.ctx.db, h.clientId, [ADMIN_ID])
    }
  })
})
