import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { adminAccessToken, createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test" })
})
afterEach(() => t.close())

const token = () => adminAccessToken(t)

async function active(tok: string): Promise<boolean> {
  const { clientId: id, clientSecret: secret } = t.org.credentials
  const res = await t.call("/services/oauth2/introspect", {
    form: { token: tok, client_id: id, client_secret: secret },
  })
  return (await jsonOf(res)).active === true
}

describe("/services/oauth2/revoke", () => {
  it("F-33 a POST with no body revokes the query string's ?token=; with a form body, the body's token wins", async () => {
    const tok = token()
    const res = await t.call(`/services/oauth2/revoke?token=${encodeURIComponent(tok)}`, {
      method: "POST",
    })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe("")
    expect(await active(tok)).toBe(false)

    const [inBody, inQuery] = [token(), token()]
    const both = await t.call(`/services/oauth2/revoke?token=${encodeURIComponent(inQuery)}`, {
      form: { token: inBody },
    })
    expect(both.status).toBe(200)
    expect(await active(inBody)).toBe(false)
    expect(await active(inQuery)).toBe(true)

    // A body is still a form or nothing: one without a content type is refused, revoking nothing.
    const untyped = await t.call(`/services/oauth2/revoke?token=${encodeURIComponent(inQuery)}`, {
      method: "POST",
      body: new Blob([`token=${inQuery}`]),
    })
    expect(untyped.status).toBe(400)
    expect(await active(inQuery)).toBe(true)
  })
})
