import { afterEach, beforeEach, expect, it } from "vitest"
import { adminBrowser } from "../../_helpers/org-admin"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test" })
})
afterEach(() => t.close())

it("one save that refuses both the Run-As user and the JWKS URL says so for each", async () => {
  const { b, csrf } = await adminBrowser(t)
  const res = await b.post("/settings", {
    _csrf: csrf,
    clientCredentialsEnabled: "on",
    runAsUserId: "zzz",
    teJwksUrl: "javascript:alert(1)",
  })
  expect(res.status).toBe(303)
  const page = await (await b.get(res.headers.get("location")!)).text()
  const notice = /<p class="notice" role="status">([^<]*)<\/p>/.exec(page)?.[1] ?? ""
  expect(notice).toContain("the Run-As user: it must be an active user")
  expect(notice).toContain("its JWKS URL must be an http or https URL without credentials")
})
