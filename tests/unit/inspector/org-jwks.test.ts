import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import { startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

/**
 * /inspector/jwks (lib/inspector/org-jwks.ts): the org's keys, fetched by the site for the token
 * decoder, whose browser may talk only to the site (connect-src 'self').
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

it("serves the configured org's JWKS with public members only, fetched from /id/keys", async () => {
  h.fault = async (req, res) => {
    if (!new URL(req.url).pathname.endsWith("/id/keys")) return res
    const body = (await res.json()) as { keys: Record<string, unknown>[] }
    // A misbehaving org that publishes a private member: it must not reach the browser.
    return Response.json({ keys: body.keys.map((k) => ({ ...k, d: "PRIVATE", p: "PRIVATE" })) })
  }
  const { orgPublicKeys } = await import("@/lib/inspector/org-jwks")
  const res = await orgPublicKeys()
  expect(res.status).toBe(200)
  const { keys } = (await res.json()) as { keys: Record<string, unknown>[] }
  expect(keys.length).toBeGreaterThan(0)
  expect(Object.keys(keys[0]!).sort()).toEqual(["alg", "e", "kid", "kty", "n", "use"])
  expect(h.paths()).toEqual(["/id/keys"])
})

it("answers 502 with a JSON error, never a 500, when the org does not answer", async () => {
  h.fault = () => new Response("down", { status: 503 })
  const { orgPublicKeys } = await import("@/lib/inspector/org-jwks")
  const res = await orgPublicKeys()
  expect(res.status).toBe(502)
  expect(((await res.json()) as { error: string }).error).toBe("jwks_unavailable")
})
