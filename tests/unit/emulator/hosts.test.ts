import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { hostRole } from "@/lib/emulator/hosts"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

describe("the org's two hosts (My Domain and the generic login host)", () => {
  let t: TestOrg
  beforeAll(async () => {
    t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
  })
  afterAll(() => t.close())

  it("tells a request to the generic login host from one to My Domain", () => {
    const at = (url: string) => hostRole(t.org.ctx, new Request(url))
    expect(at("http://login.org.test/services/oauth2/token")).toBe("login")
    expect(at("http://org.test/services/oauth2/token")).toBe("my-domain")
  })

  it("F-69 answers at both hosts and refuses any other (S-94)", async () => {
    const discovery = "/.well-known/openid-configuration"
    expect((await t.call(`http://login.org.test${discovery}`)).status).toBe(200)
    expect((await t.call(`http://org.test${discovery}`)).status).toBe(200)
    expect((await t.call(`http://evil.test${discovery}`)).status).toBe(421)
  })
})
