import http from "node:http"
import { expect, test } from "@playwright/test"

// docs/security.md, C-80: DNS rebinding. A page on another name re-pointed at 127.0.0.1 reaches the
// site with that name in `Host`; fetch cannot set Host, so these requests go out over node:http.

interface Answer {
  status: number
  type: string
  body: string
}

// The site's URL, as playwright.config.ts sets it (baseURL, and NEXTAUTH_URL for the server).
let SITE = ""

function send(method: "GET" | "POST", path: string, host: string, accept = "*/*") {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      new URL(path, SITE),
      {
        method,
        headers: {
          host,
          accept,
          ...(method === "POST"
            ? { "content-type": "application/x-www-form-urlencoded", origin: `http://${host}` }
            : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers["content-type"] ?? ""),
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        )
        res.on("error", reject)
      },
    )
    req.on("error", reject)
    req.end(method === "POST" ? "tokens=1" : undefined)
  })
}

const PATHS: ["GET" | "POST", string][] = [
  ["GET", "/"],
  ["GET", "/api/auth/session"],
  ["GET", "/api/auth/csrf"],
  ["GET", "/inspector"],
  ["POST", "/inspector/reveal"],
  ["GET", "/setup"],
  ["GET", "/favicon.ico"],
]

test.describe("C-80 the site answers only the host of NEXTAUTH_URL (DNS rebinding)", () => {
  test.beforeEach(({ baseURL }) => {
    SITE = baseURL!
  })

  test("C-80 a request naming evil.example gets 421 naming the site's URL, on pages, /api/auth and /inspector/reveal", async () => {
    for (const [method, path] of PATHS) {
      const res = await send(method, path, "evil.example")
      expect(res.status, `${method} ${path}`).toBe(421)
      expect(res.type, path).toMatch(/^application\/json/)
      const body = JSON.parse(res.body) as { error: string; error_description: string }
      expect(body.error).toBe("misdirected_request")
      expect(body.error_description).toContain(SITE)
    }
    // The same name with the site's port, and the loopback address for `localhost`, are other hosts too.
    const port = new URL(SITE).port
    expect((await send("GET", "/api/auth/session", `evil.example:${port}`)).status).toBe(421)
    expect((await send("GET", "/api/auth/session", `127.0.0.1:${port}`)).status).toBe(421)
  })

  test("C-80 a browser navigating there gets a page that links the right URL", async () => {
    const res = await send("GET", "/inspector", "evil.example", "text/html,application/xhtml+xml")
    expect(res.status).toBe(421)
    expect(res.type).toMatch(/^text\/html/)
    expect(res.body).toContain(`href="${SITE}/"`)
  })

  test("C-80 the site's own host gets through, in any letter case", async () => {
    const SITE_HOST = new URL(SITE).host
    const session = await send("GET", "/api/auth/session", SITE_HOST)
    expect(session.status).toBe(200)
    expect(session.type).toMatch(/^application\/json/)
    expect((await send("GET", "/", SITE_HOST.toUpperCase())).status).toBe(200)
    const reveal = await send("POST", "/inspector/reveal", SITE_HOST)
    expect(reveal.status).not.toBe(421)
    expect(reveal.status).toBeLessThan(500)
  })
})
