import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import type { LabSession } from "@/lib/auth/session-types"

beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-secret-of-at-least-32-characters"
  process.env.SALESFORCE_LAB_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-auth-"))
})

const session = (idToken: string): LabSession => ({
  flow: "web-server",
  loginUrl: "https://login.salesforce.com",
  signedInAt: Date.now(),
  user: { userId: "005", orgId: "00D", username: "demo@example.com", displayName: "Dana Demo" },
  tokens: {
    accessToken: "00D!AQ",
    refreshToken: "5Aep",
    idToken,
    scopes: ["api"],
    instanceUrl: "https://x.my.salesforce.com",
    identityUrl: "https://login.salesforce.com/id/00D/005",
    tokenType: "Bearer",
    orgId: "00D",
    userId: "005",
  },
  transcriptId: "t".repeat(22),
})

const header = (setCookies: string[]) =>
  setCookies
    .filter((c) => !/Max-Age=0/.test(c))
    .map((c) => c.split(";")[0])
    .join("; ")

describe("the session cookie", () => {
  it("C-56 stays one HttpOnly, SameSite=Lax cookie without Domain when it fits, and clears stale chunks", async () => {
    const { sessionSetCookies, readSession } = await import("@/lib/auth/session-cookie")
    const cookies = await sessionSetCookies(session("x".repeat(500)))
    const live = cookies.filter((c) => !/Max-Age=0/.test(c))
    expect(live).toHaveLength(1)
    const [pair, ...attributes] = live[0]!.split("; ")
    expect(pair).toMatch(/^next-auth\.session-token=[^;]+$/)
    // The attributes, in any order: nothing more (no Domain, no Secure on http), nothing less.
    expect(attributes.sort()).toEqual(["HttpOnly", "Max-Age=28800", "Path=/", "SameSite=Lax"])
    expect(
      cookies.filter((c) => /^next-auth\.session-token\.\d=; .*Max-Age=0/.test(c)),
    ).toHaveLength(4)
    expect((await readSession(header(cookies)))?.user.username).toBe("demo@example.com")
  })

  it("splits a large session into chunks under 4 KB that read back whole, and refuses one too large for any browser", async () => {
    const { sessionSetCookies, readSession } = await import("@/lib/auth/session-cookie")
    const big = "y".repeat(6000)
    const cookies = await sessionSetCookies(session(big))
    const live = cookies.filter((c) => !/Max-Age=0/.test(c))
    expect(live.length).toBeGreaterThan(1)
    for (const c of live) expect(c.split(";")[0]!.length).toBeLessThan(4000)
    expect((await readSession(header(cookies)))?.tokens.idToken).toBe(big)
    await expect(sessionSetCookies(session("z".repeat(30_000)))).rejects.toMatchObject({
      code: "UNEXPECTED_RESPONSE",
    })
  })
})
