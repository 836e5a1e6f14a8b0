import { renderToStaticMarkup } from "react-dom/server"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { cookieHeader, startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

/** The cookies the page reads, as the browser would send them after the last POST. */
const jar = vi.hoisted(() => ({ cookie: "" }))
vi.mock("next/headers", () => ({ headers: async () => new Headers({ cookie: jar.cookie }) }))

/**
 * /diagnose's two POST routes and its page, as Next calls them, against a real-org configuration
 * (the harness): what a paste can do to the page, and to the server (docs/security.md, S-250–S-252,
 * C-151).
 */
const SITE = "http://localhost:3999"
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness(SITE)
})
afterAll(async () => h.close())

const FORM = { "content-type": "application/x-www-form-urlencoded", origin: SITE }
const post = (path: string, body: BodyInit, headers: Record<string, string> = FORM) =>
  new Request(`${SITE}${path}`, { method: "POST", headers, body })

async function pasteAndRender(paste: string): Promise<string> {
  const { POST } = await import("@/app/diagnose/paste/route")
  const res = await POST(post("/diagnose/paste", new URLSearchParams({ paste }).toString()))
  expect(res.status).toBe(303)
  expect(res.headers.get("location")).toBe("/diagnose#answer")
  jar.cookie = cookieHeader(res.headers.getSetCookie())
  const { default: Page } = await import("@/app/diagnose/page")
  return renderToStaticMarkup(await Page())
}

describe("/diagnose", () => {
  it("S-250 HTML and script in a paste come back as text, in all three forms, never as markup", async () => {
    const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>`
    for (const paste of [
      `https://app.example/cb?error=invalid_grant&error_description=user%20hasn't%20approved%20this%20consumer&state=${encodeURIComponent(evil)}`,
      JSON.stringify({ error: evil, error_description: "user hasn't approved this consumer" }),
      `${evil} invalid_grant: user hasn't approved this consumer`,
    ]) {
      const body = await pasteAndRender(paste)
      expect(body).not.toContain("<script>alert")
      expect(body).not.toContain("<img")
      expect(body).toContain("The user hasn&#x27;t approved this app")
      expect(body).toContain('href="/errors/user-hasnt-approved-this-consumer"')
    }
    // What was read is shown, escaped: the description here is the hostile text itself.
    const body = await pasteAndRender(
      `?error=invalid_grant&error_description=${encodeURIComponent(evil)}`,
    )
    expect(body).toContain("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x")
    expect(body).not.toContain("<img")
  })

  it("S-251 a paste past the site's form limit is refused with 413 before it is read, whatever Content-Length says", async () => {
    const { POST } = await import("@/app/diagnose/paste/route")
    const big = `paste=${"a".repeat(20 * 1024)}`
    const declared = await POST(post("/diagnose/paste", big))
    expect(declared.status).toBe(413)
    expect(await declared.json()).toMatchObject({ error: "payload_too_large" })
    // A streamed body with no Content-Length is cut off at the limit too.
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 40; i++) c.enqueue(new TextEncoder().encode("a".repeat(1024)))
        c.close()
      },
    })
    const streamed = await POST(
      new Request(`${SITE}/diagnose/paste`, {
        method: "POST",
        headers: FORM,
        body: stream,
        duplex: "half",
      } as RequestInit),
    )
    expect(streamed.status).toBe(413)
  })

  it("S-252 malformed JSON, broken URLs, binary and empty pastes get a clear answer, never a 500", async () => {
    const cases: [string, string][] = [
      ['{"error": "invalid_grant", "error_description": ', "No known error found"],
      ["?error=%E0%A4%A&error_description=%ZZ", "No known error found"],
      ["\u0000\u0001\u0002\ufffd", "No known error found"],
      ["", "Nothing to diagnose"],
      ["   ", "Nothing to diagnose"],
      [
        '[{"message":"Session expired or invalid","errorCode":"INVALID_SESSION_ID"}]',
        "The likely cause",
      ],
    ]
    for (const [paste, heading] of cases) expect(await pasteAndRender(paste)).toContain(heading)
    // A body that is not a form at all reads as an empty paste.
    const { POST } = await import("@/app/diagnose/paste/route")
    const json = await POST(
      post("/diagnose/paste", "{}", { ...FORM, "content-type": "application/json" }),
    )
    expect(json.status).toBe(303)
  })

  it("C-151 both routes refuse another origin, and Break it needs the embedded org: with a real org nothing is sent", async () => {
    const paste = await import("@/app/diagnose/paste/route")
    const scenario = await import("@/app/diagnose/scenario/route")
    const cross = {
      "content-type": "application/x-www-form-urlencoded",
      origin: "https://evil.test",
    }
    expect((await paste.POST(post("/diagnose/paste", "paste=x", cross))).status).toBe(403)
    const body = "scenario=user-agent-blocked&action=break"
    expect((await scenario.POST(post("/diagnose/scenario", body, cross))).status).toBe(403)
    expect(
      (await scenario.POST(post("/diagnose/scenario", "scenario=%3Cx%3E&action=break"))).status,
    ).toBe(400)
    h.reset()
    const res = await scenario.POST(post("/diagnose/scenario", body))
    expect(res.status).toBe(303)
    expect(h.paths()).toEqual([])
    jar.cookie = cookieHeader(res.headers.getSetCookie())
    const { default: Page } = await import("@/app/diagnose/page")
    const page = renderToStaticMarkup(await Page())
    expect(page).toContain("Scenarios need the embedded org")
    expect(page).toContain("Reproducing needs the embedded org")
    expect(page).not.toContain("Break it")
  })
})
