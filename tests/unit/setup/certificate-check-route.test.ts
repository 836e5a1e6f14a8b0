import fs from "node:fs"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { unsealCookie } from "@/lib/auth/sealed-cookie"
import {
  CHECK_COOKIE,
  CHECK_PURPOSE,
  checkCertificate,
  type CertificateCheck,
} from "@/lib/setup/certificate-check"
import { cookieHeader, startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

// The real checker, which one test makes throw as a bug or an unforeseen certificate would.
vi.mock("@/lib/setup/certificate-check", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/lib/setup/certificate-check")>()
  return { ...real, checkCertificate: vi.fn(real.checkCertificate) }
})

/**
 * POST /setup/keys/check answers every certificate, however broken, as it answers any other: a 303
 * back to /setup/keys carrying the explanation, never a 500 or a stack trace (docs/security.md EF1,
 * EF5, C-71). The fixtures are described in certificate-unreadable.test.ts.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())

const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8")

/** Posts `pem` to the checker as the page's form does: the answer and the result it carries. */
async function check(pem: string): Promise<{ res: Response; result?: CertificateCheck }> {
  const { POST } = await import("@/app/setup/keys/check/route")
  const res = await POST(
    new Request(`${h.site}/setup/keys/check`, {
      method: "POST",
      headers: { origin: h.site, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ pem }).toString(),
    }),
  )
  const sealed = await unsealCookie<{ result: CertificateCheck }>(
    cookieHeader(res.headers.getSetCookie()),
    CHECK_COOKIE,
    CHECK_PURPOSE,
  )
  return { res, result: sealed?.result }
}

describe("POST /setup/keys/check", () => {
  it("C-71 a certificate with an unknown key algorithm or an impossible date is answered with the explanation, never a 500", async () => {
    for (const name of [
      "unknown-key-algorithm.crt",
      "not-before-month-13.crt",
      "not-before-not-digits.crt",
    ]) {
      const { res, result } = await check(fixture(name))
      expect(res.status).toBe(303)
      expect(res.headers.get("location")).toBe("/setup/keys?checked=1#checker")
      expect(result).toMatchObject({ parsed: false, verdicts: [{ level: "fail" }] })
      expect(result?.parsed === false && result.parseError).toMatch(
        /^This is not a certificate Salesforce can use: /,
      )
    }
  })

  it("C-71 an unexpected error while reading a certificate becomes the same explained answer, without its message", async () => {
    vi.mocked(checkCertificate).mockRejectedValueOnce(
      new TypeError("Cannot read properties of undefined (at /srv/lib/setup/secret-path.ts:1)"),
    )
    const { res, result } = await check(fixture("unknown-key-algorithm.crt"))
    expect(res.status).toBe(303)
    expect(result).toMatchObject({ parsed: false, verdicts: [{ level: "fail" }] })
    const why = result?.parsed === false ? result.parseError : ""
    expect(why).toMatch(/^This is not a certificate Salesforce can use: /)
    expect(why).not.toMatch(/TypeError|secret-path|Cannot read/)
  })
})
