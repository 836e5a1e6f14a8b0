import { describe, expect, it } from "vitest"
import { acceptedByNextAuth, callbackUrlsOf } from "@/lib/auth/callback-url"

const BASE = "http://localhost:3000"

describe("callbackUrl values next-auth would refuse with a 500 (C-17)", () => {
  it("accepts paths and http(s) URLs, as next-auth's own rule does", () => {
    for (const ok of [
      "/",
      "/inspector",
      "https://evil.example",
      "http://localhost:3000/x",
      "//evil.example/",
    ])
      expect(acceptedByNextAuth(ok, BASE)).toBe(true)
  })

  it("refuses malformed URLs and other schemes", () => {
    for (const bad of [
      "http://[",
      "%",
      "%2F%2Fevil.example",
      "javascript:alert(1)",
      "data:text/html,x",
      "evil.example",
    ]) {
      expect(acceptedByNextAuth(bad, BASE)).toBe(false)
    }
  })

  it("collects every query value and the callback-url cookie as next-auth receives it (percent-decoded)", () => {
    const req = new Request(
      `${BASE}/api/auth/session?callbackUrl=%2F&callbackUrl=http%3A%2F%2F%5B`,
      {
        headers: {
          cookie:
            "a=1; next-auth.callback-url=http%3A%2F%2F%5B; next-auth.callback-url.x=2; next-auth.callback-url=%E0%A4%A",
        },
      },
    )
    const got = callbackUrlsOf(req)
    expect(got.fromQuery).toEqual(["/", "http://["])
    expect(got.fromCookie).toEqual(["http://[", "%E0%A4%A"])
  })

  it("lets the cookie next-auth itself sets through: an encoded URL of the site", () => {
    const req = new Request(`${BASE}/api/auth/session`, {
      headers: { cookie: `next-auth.callback-url=${encodeURIComponent(BASE)}` },
    })
    expect(callbackUrlsOf(req).fromCookie.every((u) => acceptedByNextAuth(u, BASE))).toBe(true)
  })
})
