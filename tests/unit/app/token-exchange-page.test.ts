import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

// The page reads the flow cookie from the request: nobody has signed in at the provider here.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }))

/** The Token Exchange page, rendered on the server as Next renders it (no network). */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())

describe("the Token Exchange page", () => {
  it("ends with its code to copy: both programs and the settings they read, with no secret", async () => {
    const { default: Page } = await import("@/app/flows/token-exchange/page")
    const body = renderToStaticMarkup(await Page())
    expect(body).toContain('<h2 id="code-to-copy" class="text-lg font-semibold">Code to copy</h2>')
    for (const name of [
      "SF_LOGIN_URL",
      "SF_CLIENT_ID",
      "SF_CLIENT_SECRET",
      "SF_SUBJECT_TOKEN",
      "SF_SUBJECT_TOKEN_TYPE",
      "SF_TOKEN_HANDLER",
    ])
      expect(body).toContain(`<code>${name}</code>`)
    expect(body).toContain(
      "grant_type: &quot;urn:ietf:params:oauth:grant-type:token-exchange&quot;",
    )
    expect(body).toContain('aria-label="jsforce"')
    expect(body).toContain("new jsforce.Connection(")
    expect(body).not.toContain(h.clientSecret)
  })
})
