import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

// next-auth parses a POST body itself (req.json(), req.text()) with no limit of its own: the route
// reads it first, at most SITE_FORM_BYTES, as every other POST of the site does (docs/security.md,
// C-71), and refuses a larger one before next-auth sees it.
const SITE = "http://localhost:3998"
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness(SITE)
})
afterAll(async () => h.close())

const ctx = (action: string) => ({ params: Promise.resolve({ nextauth: [action] }) })

describe("/api/auth/* POST bodies", () => {
  it("C-71 a 10 MB POST to /api/auth/signout is refused with 413 before next-auth parses it, declared or not", async () => {
    const { nextAuthRoute } = await import("@/lib/auth/route")
    const big = "csrfToken=".padEnd(10 * 1024 * 1024, "x")
    const declared = new Request(`${SITE}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: SITE },
      body: big,
    })
    const streamed = new Request(`${SITE}/api/auth/signout`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: SITE },
      body: new Blob([big]).stream(),
      duplex: "half",
    } as RequestInit)
    for (const req of [declared, streamed]) {
      const res = await nextAuthRoute(req, ctx("signout"))
      expect(res.status).toBe(413)
      expect(await res.json()).toEqual({
        error: "invalid_request",
        error_description: "the request body is over 16 KB",
      })
    }
  })
})
