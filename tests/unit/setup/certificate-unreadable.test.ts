import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"
import { checkCertificate, type CertificateCheck } from "@/lib/setup/certificate-check"

/**
 * Certificates that are well-formed DER, so they get past the X.509 parser, but carry a field
 * Node cannot read: each is one made with `openssl req -x509 -newkey rsa:2048 -subj /CN=test`
 * with bytes changed afterwards (so its signature no longer verifies, which the checker ignores):
 * - unknown-key-algorithm.crt: the key's rsaEncryption OID ends in .99 instead of .1;
 * - not-before-month-13.crt: notBefore is the UTCTime 991332000000Z (month 13, day 32);
 * - not-before-not-digits.crt: notBefore is 25ab01000000Z.
 * Public test material: none holds a private key.
 */
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, "fixtures", name), "utf8")

async function refusal(pem: string): Promise<string> {
  const r: CertificateCheck = await checkCertificate(pem, undefined)
  if (r.parsed) throw new Error("expected the certificate to be refused")
  expect(r.verdicts.map((v) => v.level)).toEqual(["fail"])
  return r.parseError
}

describe("a certificate the checker cannot read", () => {
  it("C-71 one whose key algorithm is unknown is not a certificate Salesforce can use, naming the algorithm", async () => {
    const why = await refusal(fixture("unknown-key-algorithm.crt"))
    expect(why).toMatch(/^This is not a certificate Salesforce can use: /)
    expect(why).toContain("1.2.840.113549.1.1.99")
    expect(why).toContain("RSA")
  })

  it("C-71 one whose notBefore is not a valid time (month 13, or not digits) is not a certificate Salesforce can use", async () => {
    for (const name of ["not-before-month-13.crt", "not-before-not-digits.crt"]) {
      const why = await refusal(fixture(name))
      expect(why).toMatch(/^This is not a certificate Salesforce can use: /)
      expect(why).toMatch(/validity dates/)
      expect(why).not.toMatch(/RangeError|Invalid time value|at .*\.ts/)
    }
  })
})
