import { describe, expect, it } from "vitest"
import { CATALOGUE, entryFor } from "@/lib/explain/catalogue"
import { explainFailure } from "@/lib/explain/flow-errors"

describe("the catalogue's SAML Bearer entries", () => {
  it.each([
    ["invalid assertion", "saml-invalid-assertion"],
    ["expired authorization code", "saml-assertion-expired"],
    ["user hasn't approved this consumer", "saml-user-hasnt-approved"],
  ])(
    "maps the SAML Bearer flow's invalid_grant / %s to #%s; other flows keep their own reading",
    (errorDescription, id) => {
      const f = { flow: "saml-bearer" as const, error: "invalid_grant", errorDescription }
      expect(entryFor(f)?.id).toBe(id)
      expect(entryFor({ ...f, flow: "jwt-bearer" })?.id).not.toBe(id)
      expect(CATALOGUE.find((e) => e.id === id)?.where).toEqual(["SAML Bearer"])
    },
  )

  it("explains a user who has not approved the app with the one-click approval in the embedded org, naming the SAML flow", () => {
    const x = explainFailure(
      {
        flow: "saml-bearer",
        error: "invalid_grant",
        errorDescription: "user hasn't approved this consumer",
        username: "demo@example.com",
      },
      true,
    )
    expect(x.entryId).toBe("saml-user-hasnt-approved")
    expect(x.approveOnce).toBe(true)
    expect(x.fix[0]).toMatch(/then run the SAML Bearer flow again/)
  })

  it("names the certificate upload and the three values to check for invalid assertion", () => {
    const e = CATALOGUE.find((c) => c.id === "saml-invalid-assertion")!
    expect(e.fix.join(" ")).toMatch(/Use digital signatures/)
    expect(e.causes.join(" ")).toMatch(/Issuer.*consumer key/)
    expect(e.causes.join(" ")).toMatch(/Audience/)
  })
})
