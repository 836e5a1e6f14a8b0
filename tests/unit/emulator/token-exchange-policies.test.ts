import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { applyOrgPatch, type OrgPatch } from "@/lib/emulator/store/org-patch"
import type { Idp } from "@/lib/idp/idp"
import { createTestIdp, EXT_DEMO, IDP, idpTokens } from "../../_helpers/idp"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

// The org's policies for the user a token exchange maps to apply as for every grant that issues
// tokens (docs/fidelity.md, F-173, F-179, F-180): the handler finding the user is no login past them.
let t: TestOrg
let idp: Idp
let idpFetch: typeof fetch
beforeAll(async () => {
  const p = await createTestIdp()
  idp = p.idp
  idpFetch = p.fetch
})
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", externalIdpIssuer: IDP, fetch: idpFetch })
})
afterEach(() => t.close())

const patch = (p: OrgPatch) => applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, p)
// EXT_DEMO's email is Dana Demo's, the user the handler maps to by default.
const DANA = "demo@example.com"

async function exchange() {
  const { clientId, clientSecret } = t.org.credentials
  return t.call("/services/oauth2/token", {
    form: {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: (await idpTokens(idp, EXT_DEMO)).id_token,
      subject_token_type: "urn:ietf:params:oauth:token-type:id_token",
      client_id: clientId,
      client_secret: clientSecret,
    },
  })
}

describe("token exchange under the org's policies", () => {
  it("F-179 refuses a frozen user as every grant does, and issues again once unfrozen", async () => {
    expect((await exchange()).status).toBe(200)
    patch({ users: { [DANA]: { frozen: true } } })
    const res = await exchange()
    expect(res.status).toBe(400)
    expect(await jsonOf(res)).toEqual({
      error: "invalid_grant",
      error_description: "inactive user",
    })
    patch({ users: { [DANA]: { frozen: false } } })
    expect((await exchange()).status).toBe(200)
  })

  it("F-173 refuses an app off the API Access Control allowlist, unless the user may use any API client", async () => {
    patch({ settings: { apiAccessControl: true }, app: { apiAccessAllowed: false } })
    expect(await jsonOf(await exchange())).toEqual({
      error: "OAUTH_APP_BLOCKED",
      error_description: "this app is blocked by admin",
    })
    patch({ users: { [DANA]: { useAnyApiClient: true } } })
    expect((await exchange()).status).toBe(200)
  })

  it("F-180 refuses a user outside her Login IP Ranges unless the app relaxes IP restrictions", async () => {
    patch({
      users: { [DANA]: { loginIpRanges: "10.0.0.0-10.255.255.255" } },
      app: { ipRelaxation: "enforce" },
    })
    expect(await jsonOf(await exchange())).toEqual({
      error: "invalid_grant",
      error_description: "ip restricted",
    })
    patch({ app: { ipRelaxation: "relax" } })
    expect((await exchange()).status).toBe(200)
  })
})
