import { describe, expect, it } from "vitest"
import { requestHost, wrongHost } from "@/lib/http/site-host"
import { siteUrlFrom } from "@/lib/config/site-url"

// docs/security.md, C-80: DNS rebinding.

const get = (url: string, headers: Record<string, string> = {}) => new Request(url, { headers })

describe("C-80 the site answers only requests naming the host of NEXTAUTH_URL", () => {
  const site = "http://localhost:3000"

  it("C-80 refuses a foreign Host with 421 and a JSON error naming the URL to open", async () => {
    const res = wrongHost(
      get("http://127.0.0.1:3000/api/auth/session", { host: "evil.example:3000" }),
      site,
    )
    expect(res?.status).toBe(421)
    expect(res?.headers.get("cache-control")).toBe("no-store")
    const body = (await res!.json()) as { error: string; error_description: string }
    expect(body.error).toBe("misdirected_request")
    expect(body.error_description).toContain("http://localhost:3000")
    expect(body.error_description).not.toContain("evil.example")
  })

  it("C-80 refuses the right name on another port, and 127.0.0.1 for localhost", () => {
    expect(wrongHost(get("http://x/", { host: "localhost:3001" }), site)?.status).toBe(421)
    expect(wrongHost(get("http://x/", { host: "localhost" }), site)?.status).toBe(421)
    expect(wrongHost(get("http://x/", { host: "127.0.0.1:3000" }), site)?.status).toBe(421)
  })

  it("C-80 answers a browser's page request with a short HTML page linking the right URL", async () => {
    const res = wrongHost(
      get("http://x/", { host: "evil.example", accept: "text/html,application/xhtml+xml" }),
      site,
    )
    expect(res?.status).toBe(421)
    expect(res?.headers.get("content-type")).toMatch(/^text\/html/)
    const page = await res!.text()
    expect(page).toContain('href="http://localhost:3000/"')
    expect(page).not.toContain("evil.example")
  })

  it("C-80 lets the right host through, with its port and with the default port implied", () => {
    expect(
      wrongHost(get("http://127.0.0.1:3000/", { host: "localhost:3000" }), site),
    ).toBeUndefined()
    expect(
      wrongHost(get("http://x/", { host: "lab.example" }), "https://lab.example"),
    ).toBeUndefined()
    expect(
      wrongHost(get("http://x/", { host: "lab.example:443" }), "https://lab.example"),
    ).toBeUndefined()
    expect(
      wrongHost(get("http://x/", { host: "lab.example:80" }), "https://lab.example")?.status,
    ).toBe(421)
  })

  it("C-80 compares host names case-insensitively", () => {
    expect(wrongHost(get("http://x/", { host: "LocalHost:3000" }), site)).toBeUndefined()
    expect(
      wrongHost(get("http://x/", { host: "localhost:3000" }), "http://LOCALHOST:3000"),
    ).toBeUndefined()
  })

  it("C-80 without a Host header falls back to the request URL's host", () => {
    // undici's Request carries no Host header: the URL is all there is.
    expect(requestHost(get("http://localhost:3000/inspector"), "http:")).toBe("localhost:3000")
    expect(wrongHost(get("http://localhost:3000/inspector"), site)).toBeUndefined()
    expect(wrongHost(get("http://evil.example:3000/inspector"), site)?.status).toBe(421)
  })

  it("C-80 refuses a Host that is not a host (credentials, a path, garbage)", () => {
    for (const host of ["user@localhost:3000", "localhost:3000/x", "local host", ""])
      expect(wrongHost(get("http://localhost:3000/", { host }), site)?.status, host).toBe(421)
  })

  it("C-80 checks against NEXTAUTH_URL's origin, or the default when it is unset or unusable", () => {
    expect(siteUrlFrom("http://localhost:4000/some/path")).toBe("http://localhost:4000")
    expect(siteUrlFrom(undefined)).toBe("http://localhost:3000")
    expect(siteUrlFrom("")).toBe("http://localhost:3000")
    expect(siteUrlFrom("not a url")).toBe("http://localhost:3000")
  })
})
