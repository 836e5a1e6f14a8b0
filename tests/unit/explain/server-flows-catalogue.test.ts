import { describe, expect, it } from "vitest"
import { entryFor } from "@/lib/explain/catalogue"
import { explainFailure } from "@/lib/explain/flow-errors"

describe("the catalogue's Client Credentials and Username-Password entries", () => {
  it.each([
    [
      "invalid_grant",
      "request not supported on this domain",
      "request-not-supported-on-this-domain",
    ],
    ["invalid_grant", "no client credentials user enabled", "no-client-credentials-user-enabled"],
    ["invalid_grant", "no valid scopes defined", "no-valid-scopes-defined"],
  ])("maps %s / %s to #%s", (error, errorDescription, id) => {
    expect(entryFor({ flow: "client-credentials", error, errorDescription })?.id).toBe(id)
  })

  it("explains authentication failure in the username-password flow as the blocked flow, with the migration steps; elsewhere it stays the generic entry", () => {
    const f = {
      flow: "username-password" as const,
      error: "invalid_grant",
      errorDescription: "authentication failure",
    }
    const x = explainFailure(f, true)
    expect(x.entryId).toBe("username-password-authentication-failure")
    expect(x.cause).toMatch(/Summer '23/)
    expect(x.fix.join(" ")).toMatch(/Allow OAuth Username-Password Flows/)
    expect(x.fix.join(" ")).toMatch(/grant_type=client_credentials/)
    expect(entryFor({ ...f, flow: "web-server" })?.id).toBe("authentication-failure")
  })

  it("explains the site's own refusals: a login URL that is not a My Domain, and a missing username or password", () => {
    expect(entryFor({ code: "NOT_MY_DOMAIN" })?.id).toBe("not-my-domain")
    expect(entryFor({ code: "MISSING_CREDENTIALS" })?.id).toBe("missing-credentials")
  })
})
