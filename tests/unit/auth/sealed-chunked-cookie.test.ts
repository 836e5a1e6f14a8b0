import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"

/**
 * A sealed flow cookie that may outgrow the 4096 bytes a browser keeps (RFC 6265 §6.1): the Token
 * Exchange flow's provider tokens (lib/auth/sealed-cookie.ts, docs/security.md, C-180).
 */
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "unit-test-secret-of-at-least-32-characters"
  process.env.SALESFORCE_LAB_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-auth-"))
})

const header = (setCookies: string[]) =>
  setCookies
    .filter((c) => !/Max-Age=0/.test(c))
    .map((c) => c.split(";")[0])
    .join("; ")

const PATH = "/flows/token-exchange"

describe("a chunked sealed cookie", () => {
  it("C-180 is one cookie when it fits and deletes every chunk; larger, it is chunks a browser keeps and deletes the whole one", async () => {
    const { sealChunkedCookie, unsealChunkedCookie } = await import("@/lib/auth/sealed-cookie")
    const small = await sealChunkedCookie("t", "p", { v: "x".repeat(100) }, 60, PATH, 2)
    expect(small.map((c) => c.split("=")[0])).toEqual(["t", "t.0", "t.1"])
    expect(small.slice(1).every((c) => /Max-Age=0/.test(c))).toBe(true)
    expect(await unsealChunkedCookie(header(small), "t", "p", 2)).toMatchObject({
      v: "x".repeat(100),
    })

    const large = await sealChunkedCookie("t", "p", { v: "y".repeat(4000) }, 60, PATH, 2)
    expect(/Max-Age=0/.test(large[0]!)).toBe(true)
    for (const c of large) {
      expect(Buffer.byteLength(c.split(";")[0]!)).toBeLessThanOrEqual(4096)
      expect(c).toMatch(/Path=\/flows\/token-exchange/)
      expect(c).toMatch(/HttpOnly/)
    }
    expect(await unsealChunkedCookie(header(large), "t", "p", 2)).toMatchObject({
      v: "y".repeat(4000),
    })
  })

  it("C-180 opens as nothing with a chunk missing, swapped or from another purpose", async () => {
    const { sealChunkedCookie, unsealChunkedCookie } = await import("@/lib/auth/sealed-cookie")
    const parts = header(await sealChunkedCookie("t", "p", { v: "y".repeat(4000) }, 60, PATH, 2))
      .split("; ")
      .map((p) => p.slice(p.indexOf("=") + 1))
    expect(parts).toHaveLength(2)
    const read = (cookie: string, purpose = "p") => unsealChunkedCookie(cookie, "t", purpose, 2)
    expect(await read(`t.1=${parts[1]}`)).toBeUndefined()
    expect(await read(`t.0=${parts[0]}`)).toBeUndefined()
    expect(await read(`t.0=${parts[1]}; t.1=${parts[0]}`)).toBeUndefined()
    expect(await read(`t.0=${parts[0]}; t.1=${parts[1]}`, "another purpose")).toBeUndefined()
  })

  it("refuses a payload past its chunks with SealedCookieTooLarge, naming the size", async () => {
    const { sealChunkedCookie, SealedCookieTooLarge } = await import("@/lib/auth/sealed-cookie")
    const err = await sealChunkedCookie("t", "p", { v: "z".repeat(9000) }, 60, PATH, 2).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(SealedCookieTooLarge)
    expect((err as InstanceType<typeof SealedCookieTooLarge>).bytes).toBeGreaterThan(7800)
    expect((err as InstanceType<typeof SealedCookieTooLarge>).maxBytes).toBe(7800)
  })
})
