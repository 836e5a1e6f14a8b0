import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

/**
 * The JWT Bearer and SAML Bearer pages preselect the username to sign for: one the operator
 * configured, never one from the request (the seed demo signed for any `?jwtUserName=`). Rendered on
 * the server as Next renders them, against a real-org configuration (no network).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
// The configuration is read once per module instance: each test reads the one it sets.
beforeEach(() => {
  vi.resetModules()
})

const PAGES = {
  "JWT Bearer": () => import("@/app/flows/jwt-bearer/page"),
  "SAML Bearer": () => import("@/app/flows/saml-bearer/page"),
}

async function render(page: keyof typeof PAGES, query: Record<string, string>) {
  const { default: Page } = await PAGES[page]()
  return renderToStaticMarkup(await Page({ searchParams: Promise.resolve(query) }))
}

const selected = (body: string) =>
  [...body.matchAll(/<option[^>]*selected=""[^>]*>([^<]*)<\/option>/g)].map((m) => m[1])

describe.each(Object.keys(PAGES) as (keyof typeof PAGES)[])("the %s page", (page) => {
  it("preselects ?username= when it is a configured username, else the first configured one", async () => {
    process.env.SALESFORCE_USERNAME = "admin@example.com"
    process.env.SALESFORCE_JWT_USERNAMES = "ops@example.com"
    expect(selected(await render(page, {}))).toEqual(["admin@example.com"])
    expect(selected(await render(page, { username: "ops@example.com" }))).toEqual([
      "ops@example.com",
    ])
    const foreign = await render(page, { username: "mallory@example.com" })
    expect(selected(foreign)).toEqual(["admin@example.com"])
    expect(foreign).not.toContain("mallory@example.com")
  })

  it("with no username configured, says what to set instead of offering Start", async () => {
    process.env.SALESFORCE_USERNAME = ""
    process.env.SALESFORCE_JWT_USERNAMES = ""
    const body = await render(page, {})
    expect(body).toContain('role="alert"')
    expect(body).toContain(
      "No username is configured for this flow. Set <code>SALESFORCE_USERNAME</code>",
    )
    expect(body).not.toContain('name="username"')
  })
})
