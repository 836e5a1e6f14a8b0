import { afterEach, beforeEach, describe, expect, it, vi } from "vitest"
import { parseConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"
import {
  attemptsBlocked,
  exemptFromGate,
  labAccessGate,
  labAccessRequired,
  labAccessSetCookie,
  labAccessValid,
  labAccessValue,
  LAB_ACCESS_MAX_AGE_S,
  passphraseMatches,
  recordWrongAttempt,
  resetAttempts,
  WINDOW_MS,
  WRONG_LIMIT,
} from "@/lib/http/lab-access"
import { isLoopbackHost, startRefusal } from "../../../scripts/lab-access-check.mjs"

// docs/security.md, C-81: the operator gate of a lab reachable from the network.

const PASS = "correct horse battery"
const SECRET = "s".repeat(40)
const NOW = 1_800_000_000

describe("C-81 the operator gate (LAB_ACCESS_PASSWORD)", () => {
  it("C-81 npm start refuses a non-loopback HOST without LAB_ACCESS_PASSWORD, naming it", () => {
    expect(startRefusal({ host: "0.0.0.0", labAccessPassword: undefined })).toMatch(
      /LAB_ACCESS_PASSWORD/,
    )
    expect(startRefusal({ host: "192.168.1.20", labAccessPassword: "  " })).toMatch(
      /LAB_ACCESS_PASSWORD/,
    )
    expect(startRefusal({ host: "::", labAccessPassword: "" })).toBeDefined()
    expect(startRefusal({ host: "0.0.0.0", labAccessPassword: PASS })).toBeUndefined()
    for (const h of ["127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"]) {
      expect(isLoopbackHost(h), h).toBe(true)
      expect(startRefusal({ host: h, labAccessPassword: undefined })).toBeUndefined()
    }
    expect(isLoopbackHost("0.0.0.0")).toBe(false)
    expect(isLoopbackHost("127.0.0.1.evil.example")).toBe(false)
  })

  it("C-81 the configuration takes LAB_ACCESS_PASSWORD of 12 characters or more, and reports a shorter one", () => {
    expect(parseConfig({ LAB_ACCESS_PASSWORD: PASS }).labAccessPassword).toBe(PASS)
    expect(parseConfig({}).labAccessPassword).toBeUndefined()
    try {
      parseConfig({ LAB_ACCESS_PASSWORD: "short" })
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError)
      expect((e as ConfigError).problems.join()).toMatch(/LAB_ACCESS_PASSWORD must be at least 12/)
      expect((e as ConfigError).problems.join()).not.toContain("short,")
    }
  })

  it("C-81 the cookie verifies only with the same passphrase and secret, unaltered and unexpired", () => {
    const value = labAccessValue(PASS, SECRET, NOW)
    expect(value).not.toContain(PASS)
    expect(labAccessValid(value, PASS, SECRET, NOW + 60)).toBe(true)
    expect(labAccessValid(value, PASS + "!", SECRET, NOW + 60)).toBe(false)
    expect(labAccessValid(value, PASS, "t".repeat(40), NOW + 60)).toBe(false)
    expect(labAccessValid(value, PASS, SECRET, NOW + LAB_ACCESS_MAX_AGE_S + 1)).toBe(false)
    const [v, exp, mac] = value.split(".")
    expect(labAccessValid(`${v}.${Number(exp) + 1000}.${mac}`, PASS, SECRET, NOW)).toBe(false)
    const flipped = mac!.slice(0, -1) + (mac!.endsWith("A") ? "B" : "A")
    expect(labAccessValid(`${v}.${exp}.${flipped}`, PASS, SECRET, NOW)).toBe(false)
    expect(labAccessValid(undefined, PASS, SECRET, NOW)).toBe(false)
    expect(labAccessValid("", PASS, SECRET, NOW)).toBe(false)
    expect(labAccessValid(PASS, PASS, SECRET, NOW)).toBe(false)
  })

  it("C-81 the cookie is HttpOnly, SameSite=Lax, and Secure under __Secure- on https", () => {
    const plain = labAccessSetCookie("v", false)
    expect(plain).toMatch(/^lab_access=v;/)
    expect(plain).toMatch(/HttpOnly/)
    expect(plain).toMatch(/SameSite=Lax/)
    expect(plain).not.toMatch(/Secure/)
    const secure = labAccessSetCookie("v", true)
    expect(secure).toMatch(/^__Secure-lab_access=v;/)
    expect(secure).toMatch(/; Secure/)
  })

  it("C-81 compares the passphrase whole (HMAC both sides, then timingSafeEqual), whatever the lengths", () => {
    expect(passphraseMatches(PASS, PASS)).toBe(true)
    expect(passphraseMatches(PASS.slice(0, -1), PASS)).toBe(false)
    expect(passphraseMatches(PASS + " ", PASS)).toBe(false)
    expect(passphraseMatches("", PASS)).toBe(false)
    expect(passphraseMatches("x".repeat(5000), PASS)).toBe(false)
  })

  it("C-81 rate-limits wrong attempts: after the limit in one window, none is tried until it ends", () => {
    resetAttempts()
    const t = 5_000_000
    for (let i = 0; i < WRONG_LIMIT; i++) {
      expect(attemptsBlocked(t + i)).toBe(false)
      recordWrongAttempt(t + i)
    }
    expect(attemptsBlocked(t + WRONG_LIMIT)).toBe(true)
    expect(attemptsBlocked(t + WINDOW_MS - 1)).toBe(true)
    expect(attemptsBlocked(t + WINDOW_MS)).toBe(false)
    resetAttempts()
  })

  it("C-81 leaves the gate page, the embedded org, the build's static files and the health check outside", () => {
    for (const p of [
      "/lab-access",
      "/lab-access/enter",
      "/emulator/login",
      "/api/health",
      "/icon.svg",
    ])
      expect(exemptFromGate(p), p).toBe(true)
    for (const p of [
      "/",
      "/inspector",
      "/inspector/reveal",
      "/api/auth/session",
      "/setup",
      "/emulatorx",
    ])
      expect(exemptFromGate(p), p).toBe(false)
  })

  it("C-81 without the cookie a page goes to the gate with where it was going; a route gets 401 JSON", async () => {
    const page = labAccessRequired(
      new Request("http://localhost:3000/inspector?x=1", { headers: { accept: "text/html" } }),
      "http://localhost:3000",
    )
    expect(page.status).toBe(303)
    expect(page.headers.get("location")).toBe(
      `http://localhost:3000/lab-access?next=${encodeURIComponent("/inspector?x=1")}`,
    )
    for (const req of [
      new Request("http://localhost:3000/inspector/reveal", {
        method: "POST",
        headers: { accept: "text/html" },
      }),
      new Request("http://localhost:3000/api/auth/session", { headers: { accept: "text/html" } }),
      new Request("http://localhost:3000/inspector"),
    ]) {
      const res = labAccessRequired(req, "http://localhost:3000")
      expect(res.status, req.url).toBe(401)
      expect(((await res.json()) as { error: string }).error).toBe("lab_access_required")
    }
  })
})

describe("C-81 labAccessGate, as proxy.ts calls it", () => {
  beforeEach(() => {
    vi.stubEnv("LAB_ACCESS_PASSWORD", PASS)
    vi.stubEnv("NEXTAUTH_SECRET", SECRET)
    vi.stubEnv("NEXTAUTH_URL", "http://localhost:3000")
  })
  afterEach(() => vi.unstubAllEnvs())
  const reveal = (cookie?: string) =>
    new Request("http://localhost:3000/inspector/reveal", {
      method: "POST",
      headers: cookie ? { cookie } : {},
    })

  it("C-81 refuses a direct POST to /inspector/reveal without the cookie, and lets it through with one", () => {
    expect(labAccessGate(reveal(), "/inspector/reveal")?.status).toBe(401)
    expect(labAccessGate(reveal("lab_access=v1.1.forged"), "/inspector/reveal")?.status).toBe(401)
    const good = `lab_access=${labAccessValue(PASS, SECRET)}`
    expect(labAccessGate(reveal(good), "/inspector/reveal")).toBeUndefined()
    expect(labAccessGate(reveal(), "/emulator/login")).toBeUndefined()
  })

  it("C-81 is off when LAB_ACCESS_PASSWORD is unset", () => {
    vi.stubEnv("LAB_ACCESS_PASSWORD", "")
    expect(labAccessGate(reveal(), "/inspector/reveal")).toBeUndefined()
  })
})
