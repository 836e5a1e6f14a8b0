import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import {
  sessionOf,
  startSiteHarness,
  webServerCallback,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * Salesforce's codes end in `==` and travel as `%3D%3D` (docs/fidelity.md, F-05): the site's Web
 * Server callback must decode the code from the callback URL and encode it again for the token
 * request, or the exchange fails with invalid_grant.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

it("F-05 a code ending in == round-trips through the site's Web Server callback", async () => {
  const { callback, cookie } = await webServerCallback(h)
  const code = callback.searchParams.get("code")!
  expect(code).toMatch(/==$/)
  expect(callback.search).toContain("%3D%3D")
  const { finishWebServer } = await import("@/lib/flows/web-server")
  const r = await finishWebServer(callback, cookie)
  expect(r.location).toBe("/inspector")
  expect((await sessionOf(r.cookies))?.user.username).toBe("demo@example.com")
  const sent = new URLSearchParams(h.tokenCalls()[0]!.body)
  expect(sent.get("code")).toBe(code)
  expect(h.tokenCalls()[0]!.body).toContain("%3D%3D")
})
