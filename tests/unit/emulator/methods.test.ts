import { afterEach, beforeEach, expect, it } from "vitest"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

it("S-24 S-95 a known path asked with a method it does not take: 405 METHOD_NOT_ALLOWED naming the methods, in Allow too", async () => {
  for (const [method, path, allowed] of [
    ["PUT", "/services/oauth2/token", "POST"],
    ["DELETE", "/services/oauth2/revoke", "GET,POST"],
    ["PATCH", "/login", "GET,POST"],
    ["OPTIONS", "/id/keys", "GET"],
  ] as const) {
    const res = await t.call(path, { method })
    expect(res.status, `${method} ${path}`).toBe(405)
    expect(res.headers.get("allow")?.split(", ").sort().join(",")).toBe(allowed)
    const [body] = (await res.json()) as { errorCode: string; message: string }[]
    expect(body).toEqual({
      errorCode: "METHOD_NOT_ALLOWED",
      message: expect.stringMatching(
        new RegExp(`^HTTP Method '${method}' not allowed. Allowed are `),
      ),
    })
  }
})

it("an unknown path stays a 404, whatever the method", async () => {
  const res = await t.call("/services/oauth2/nothing", { method: "PUT" })
  expect(res.status).toBe(404)
})

it("HEAD is answered like GET (RFC 9110 §9.3.2), not as an unknown route", async () => {
  for (const path of ["/login", "/id/keys", "/.well-known/openid-configuration"]) {
    const res = await t.call(path, { method: "HEAD" })
    expect(res.status, path).toBe(200)
  }
})
