import { describe, expect, it } from "vitest"
import { sameOriginPath, sameOriginRelativePath } from "@/lib/http/same-origin-path"

/** The C-15 payload list (docs/security.md, C-15–C-19) against the helper the User-Agent callback page navigates with. */
const ORIGIN = "https://app.test"
const PAYLOADS = [
  "https://evil.example",
  "//evil.example",
  "/\\evil.example",
  "\\/evil.example",
  "/%5Cevil.example",
  "%2F%2Fevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "https:evil.example",
  "https://app.test.evil.example",
  "https://app.test@evil.example",
  "http://app.test",
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  " https://evil.example",
  "\t//evil.example",
  `/${"a".repeat(16 * 1024)}`.replace(/^\//, "//"),
  "http://[",
  "%",
]

describe("where the User-Agent callback page may navigate", () => {
  it("C-18 C-19 every open-redirect payload that would leave the site falls back to the error page; only paths on the site pass", () => {
    for (const p of PAYLOADS) {
      const target = sameOriginPath(p, ORIGIN, "/flows/error")
      expect(new URL(target, ORIGIN).origin, p).toBe(ORIGIN)
      // Whatever the browser would resolve off the site falls back; an encoded path (/%5C…, /%09/…) stays a path here.
      const offSite = URL.canParse(p, ORIGIN) ? new URL(p, ORIGIN).origin !== ORIGIN : true
      if (offSite) expect(target, p).toBe("/flows/error")
    }
    expect(sameOriginPath("/inspector", ORIGIN, "/flows/error")).toBe(`${ORIGIN}/inspector`)
    expect(sameOriginPath("/inspector#actions", ORIGIN, "/flows/error")).toBe(
      `${ORIGIN}/inspector#actions`,
    )
    expect(sameOriginPath(undefined, ORIGIN, "/flows/error")).toBe("/flows/error")
    expect(sameOriginPath({ location: "/" }, ORIGIN, "/flows/error")).toBe("/flows/error")
  })

  it("C-18 the first-characters check it replaces would have let /\\evil.example through", () => {
    const old = (l: string) => l.startsWith("/") && !l.startsWith("//")
    expect(old("/\\evil.example")).toBe(true)
    expect(new URL("/\\evil.example", ORIGIN).origin).toBe("https://evil.example")
    expect(sameOriginPath("/\\evil.example", ORIGIN, "/flows/error")).toBe("/flows/error")
  })

  it("C-74 dot segments that make the path //host give a whole same-origin URL, never a protocol-relative path", () => {
    for (const p of [
      "/.//evil.example",
      "/..//x",
      "/%2e%2e//x",
      "/./\\x",
      "/a/..//evil.example/",
      "/.%2e//x",
    ]) {
      const target = sameOriginPath(p, ORIGIN, "/flows/error")
      // Navigated to from any page of the site, the answer must stay on the site.
      expect(new URL(target, `${ORIGIN}/flows/user-agent/callback`).origin, p).toBe(ORIGIN)
      expect(target.startsWith("//"), p).toBe(false)
      if (target !== "/flows/error") expect(target.startsWith(`${ORIGIN}/`), p).toBe(true)
    }
    // The path alone, which the helper used to return, would leave the site.
    expect(new URL("/.//evil.example", ORIGIN).pathname).toBe("//evil.example")
    expect(new URL(new URL("/.//evil.example", ORIGIN).pathname, ORIGIN).origin).not.toBe(ORIGIN)
  })

  it("C-74 a bare path for a Location header is one that still resolves to the site, else the fallback", () => {
    for (const p of [
      ...PAYLOADS,
      "/.//evil.example/x",
      "/a/..//evil.example",
      "/%2e//evil.example",
      "/./\\x",
      "/.%2e//x",
    ]) {
      const path = sameOriginRelativePath(p, ORIGIN, "/")
      expect(path.startsWith("//") || path.startsWith("/\\"), p).toBe(false)
      expect(new URL(path, ORIGIN).origin, p).toBe(ORIGIN)
      expect(new URL(path, `${ORIGIN}/lab-access/enter`).origin, p).toBe(ORIGIN)
    }
    expect(sameOriginRelativePath("/.//evil.example/x", ORIGIN, "/")).toBe("/")
    expect(sameOriginRelativePath("/a/../inspector?x=1#f", ORIGIN, "/")).toBe("/inspector?x=1")
  })
})
