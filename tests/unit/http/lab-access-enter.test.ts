import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { labAccessValid, resetAttempts, WRONG_LIMIT } from "@/lib/http/lab-access"

const SITE = "http://localhost:3000"
vi.mock("@/lib/config/env", () => ({ getConfig: () => ({ siteUrl: SITE }) }))
const { labAccessEnter } = await import("@/lib/http/lab-access-enter")

// docs/security.md, C-81: the gate's form, POST /lab-access/enter.

const PASS = "correct horse battery"
const SECRET = "s".repeat(40)
const submit = (passphrase: string, next = "/inspector") =>
  labAccessEnter.POST(
    new Request(`${SITE}/lab-access/enter`, {
      method: "POST",
      headers: { origin: SITE, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ passphrase, next }),
    }),
  )

describe("C-81 the gate's form", () => {
  beforeEach(() => {
    vi.stubEnv("LAB_ACCESS_PASSWORD", PASS)
    vi.stubEnv("NEXTAUTH_SECRET", SECRET)
    vi.stubEnv("NEXTAUTH_URL", SITE)
    resetAttempts()
  })
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.useRealTimers()
    resetAttempts()
  })

  it("C-81 the right passphrase sets a valid HttpOnly cookie and goes on to `next`", async () => {
    const res = await submit(PASS)
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("/inspector")
    const cookie = res.headers.get("set-cookie") ?? ""
    expect(cookie).toMatch(/HttpOnly/)
    expect(labAccessValid(/^lab_access=([^;]+)/.exec(cookie)?.[1], PASS, SECRET)).toBe(true)
  })

  it("C-81 `next` cannot leave the site", async () => {
    for (const next of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const res = await submit(PASS, next)
      expect(res.headers.get("location"), next).toBe("/")
    }
  })

  it("C-74 dot segments in `next` that resolve to //host go home, never to a protocol-relative Location", async () => {
    for (const next of ["/.//evil.example/x", "/a/..//evil.example", "/%2e//evil.example"]) {
      const res = await submit(PASS, next)
      expect(res.status, next).toBe(303)
      const location = res.headers.get("location") ?? ""
      expect(location, next).toBe("/")
      expect(new URL(location, SITE).origin, next).toBe(SITE)
    }
    // A path that only looks like it starts with dot segments still goes where it says.
    expect((await submit(PASS, "/a/../inspector?x=1")).headers.get("location")).toBe(
      "/inspector?x=1",
    )
  })

  it("C-81 a wrong passphrase sets no cookie and goes back to the gate saying so", async () => {
    const res = await submit("wrong passphrase!")
    expect(res.status).toBe(303)
    expect(res.headers.get("set-cookie")).toBeNull()
    expect(res.headers.get("location")).toBe(`/lab-access?error=wrong&next=%2Finspector`)
  })

  it("C-81 after too many wrong attempts even the right passphrase waits for the window to end", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "Date"] })
    for (let i = 0; i < WRONG_LIMIT; i++) {
      const p = submit("wrong passphrase!")
      await vi.advanceTimersByTimeAsync(1000)
      expect((await p).headers.get("location")).toContain("error=wrong")
    }
    const blocked = await submit(PASS)
    expect(blocked.headers.get("location")).toContain("error=busy")
    expect(blocked.headers.get("set-cookie")).toBeNull()
  })
})
