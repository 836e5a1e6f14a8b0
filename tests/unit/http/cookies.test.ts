import { describe, expect, it } from "vitest"
import { allCookieValues, readCookie, readCookies, serializeCookie } from "@/lib/http/cookies"

describe("readCookie / readCookies", () => {
  it("reads each cookie by name, trimming spaces, keeping `=` inside the value", () => {
    const header = "a=1;  b = two ; jwe=x.y=z"
    expect(readCookies(header)).toEqual({ a: "1", b: "two", jwe: "x.y=z" })
    expect(readCookie(header, "b")).toBe("two")
    expect(readCookie(header, "c")).toBeUndefined()
    expect(readCookie(null, "a")).toBeUndefined()
    expect(readCookie("", "a")).toBeUndefined()
  })

  it("keeps the first value of a repeated name (the browser sends the most specific path first)", () => {
    expect(readCookie("sid=first; other=1; sid=second", "sid")).toBe("first")
  })

  it("percent-decodes values and removes surrounding quotes", () => {
    expect(readCookie("u=http%3A%2F%2Flocalhost%3A3000%2F", "u")).toBe("http://localhost:3000/")
    expect(readCookie('q="quoted value"', "q")).toBe("quoted value")
    expect(readCookie('q="a%20b"', "q")).toBe("a b")
  })

  it("reads a malformed percent-encoding as absent, without throwing", () => {
    for (const bad of ["%", "%E0%A4%A", "%zz"]) {
      expect(() => readCookies(`m=${bad}; ok=1`)).not.toThrow()
      expect(readCookie(`m=${bad}; ok=1`, "m")).toBeUndefined()
      expect(readCookie(`m=${bad}; ok=1`, "ok")).toBe("1")
    }
  })

  it("reads an empty value as absent, and does not read names off the prototype", () => {
    expect(readCookie("a=; b=1", "a")).toBeUndefined()
    expect(readCookie("b=1", "constructor")).toBeUndefined()
    expect(readCookie("b=1", "toString")).toBeUndefined()
  })

  it("matches the whole name, not a prefix or a chunk of it", () => {
    const header = "next-auth.session-token.0=chunk; xnext-auth.session-token=no"
    expect(readCookie(header, "next-auth.session-token")).toBeUndefined()
    expect(readCookie(header, "next-auth.session-token.0")).toBe("chunk")
  })
})

describe("allCookieValues (what next-auth receives through Next)", () => {
  it("returns every value of the name in order, decoded, keeping a malformed one raw and quotes as sent", () => {
    const header = 'a=1; cb=http%3A%2F%2F%5B; cb.x=2; cb=%E0%A4%A; cb="q"'
    expect(allCookieValues(header, "cb")).toEqual(["http://[", "%E0%A4%A", '"q"'])
    expect(allCookieValues(null, "cb")).toEqual([])
  })
})

describe("serializeCookie", () => {
  const attrs = (c: string) => c.split("; ").slice(1).sort()

  it("writes HttpOnly, SameSite=Lax by default, Path and Max-Age, never a Domain", () => {
    const c = serializeCookie("sfl_error", "a.b-c_d", { path: "/", maxAge: 60, secure: false })
    expect(c.split("; ")[0]).toBe("sfl_error=a.b-c_d")
    expect(attrs(c)).toEqual(["HttpOnly", "Max-Age=60", "Path=/", "SameSite=Lax"])
  })

  it("adds Secure when asked (required by __Secure- and __Host- names) and SameSite=Strict", () => {
    const c = serializeCookie("__Secure-org_csrf", "tok", {
      path: "/emulator",
      secure: true,
      sameSite: "strict",
    })
    expect(c.split("; ")[0]).toBe("__Secure-org_csrf=tok")
    expect(attrs(c)).toEqual(["HttpOnly", "Path=/emulator", "SameSite=Strict", "Secure"])
  })

  it("deletes with Max-Age=0 and an empty value; without maxAge it is a session cookie", () => {
    expect(attrs(serializeCookie("x", "", { path: "/", maxAge: 0, secure: false }))).toContain(
      "Max-Age=0",
    )
    expect(
      serializeCookie("x", "", { path: "/", maxAge: 0, secure: false }).startsWith("x=;"),
    ).toBe(true)
    expect(serializeCookie("x", "v", { path: "/", secure: false })).not.toContain("Max-Age")
  })

  it("percent-encodes what a cookie value cannot hold, and reads it back", () => {
    const c = serializeCookie("u", "http://x/ y;z", { path: "/", secure: false })
    expect(c.split("; ")[0]).toBe("u=http%3A%2F%2Fx%2F%20y%3Bz")
    expect(readCookie(c.split("; ")[0]!, "u")).toBe("http://x/ y;z")
  })
})
