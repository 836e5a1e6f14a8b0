import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

// The chooser reads the session cookie from the request: nobody is signed in here.
vi.mock("next/headers", () => ({ headers: async () => new Headers() }))

/** The two flow pages and the chooser, rendered on the server as Next renders them (no network). */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())

const params = (q: Record<string, string>) => ({ searchParams: Promise.resolve(q) })

describe("the Client Credentials and Username-Password pages", () => {
  it("the Client Credentials page shows both requests, the choice of secret method, and code that follows the choice, with no secret", async () => {
    const { default: Page } = await import("@/app/flows/client-credentials/page")
    const body = renderToStaticMarkup(await Page(params({})))
    expect(body).toContain("Client Credentials flow</h1>")
    expect(body).toContain("grant_type=client_credentials&amp;client_id=")
    expect(body).toContain("Authorization: Basic base64(")
    expect(body).toContain('<input type="radio" name="via" checked="" value="body"/>')
    // The page's Code to copy: both programs, with the settings named as on every flow page.
    expect(body).toContain('aria-label="jsforce"')
    expect(body).toContain("<code>SF_CLIENT_SECRET</code>: the consumer secret")
    expect(body).toContain("client_secret: process.env.SF_CLIENT_SECRET")
    expect(body).not.toContain(h.clientSecret)
    expect(body).not.toContain(h.clientId)
    const basic = renderToStaticMarkup(await Page(params({ via: "basic" })))
    expect(basic).toContain('<input type="radio" name="via" checked="" value="basic"/>')
    expect(basic).toContain("authorization: `Basic ${basic}`")
  })

  it("the Username-Password page is marked legacy, says what to use instead with the steps, and has Username and Password fields", async () => {
    const { default: Page } = await import("@/app/flows/username-password/page")
    const body = renderToStaticMarkup(await Page())
    expect(body).toContain("Legacy: do not build on it.")
    expect(body).toContain('href="/flows/client-credentials"')
    expect(body).toContain("grant_type=client_credentials")
    expect(body).toMatch(/<label for="username"[^>]*>Username<\/label>/)
    expect(body).toMatch(/<label for="password"[^>]*>Password<\/label>/)
    expect(body).toMatch(/<input id="password" type="password" [^>]*name="password"/)
    expect(body).not.toContain(h.clientSecret)
  })

  it("the chooser groups the flows and links both new pages by their names", async () => {
    const { default: Home } = await import("@/app/page")
    const body = renderToStaticMarkup(await Home())
    for (const group of [
      "A user is present",
      "No user (server or integration)",
      "Legacy",
      "Which flow? What are you building?",
    ])
      expect(body).toContain(group)
    expect(body).toMatch(/href="\/flows\/client-credentials">Client Credentials flow<\/a>/)
    expect(body).toMatch(/href="\/flows\/username-password">Username-Password flow<\/a>/)
    expect(body).toMatch(/href="\/flows\/web-server">Web Server flow<\/a>/)
  })
})
