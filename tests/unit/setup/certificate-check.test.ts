// Over 200 lines: one suite for the certificate checker, one case per kind of certificate.
import crypto from "node:crypto"
import { compactVerify, importPKCS8, SignJWT } from "jose"
import { beforeAll, describe, expect, it } from "vitest"
import {
  generateKeyAndCertificate,
  opensslCommand,
  optionsProblem,
} from "@/app/setup/keys/generate-keys"
import {
  certificateTextFromBytes,
  checkCertificate,
  configuredKeyName,
  type CertificateCheck,
} from "@/lib/setup/certificate-check"
import { fakePkcs8, PKCS8_BEGIN } from "../../_helpers/pem"

const webCrypto = crypto.webcrypto as unknown as Crypto
const RSA = (modulusLength: number): RsaHashedKeyGenParams => ({
  name: "RSASSA-PKCS1-v1_5",
  modulusLength,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
})
const DAY = 86_400_000
const MD5_CERTIFICATE =
  "-----BEGIN CERTIFICATE-----\nMIIB+DCCAWGgAwIBAgIUGWPTocBcfRSXg1fkEG9uXi785ucwDQYJKoZIhvcNAQEE\nBQAwDjEMMAoGA1UEAwwDbWQ1MB4XDTI2MTEyOTE5MTcxN1oXDTI2MTEzMDE5MTcx\nN1owDjEMMAoGA1UEAwwDbWQ1MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC1\nfy9RKuLG5zlPkO0A++ZyBnlrkl96Jv00WzM6jgbFiaEsGCGFXDD0r5YbvjAZFRMb\nG54rel70L5WYLzeDMQ2bEWLsUic9y8jW1HlNeB3/DEcSPEfCRwY9l08xmVxIIPEu\ny62Vzd6bu0/6EYtfoF8Tk4am2Fe760NhRGCqeVLLVQIDAQABo1MwUTAdBgNVHQ4E\nFgQU6AvhzWqvla6z2K/IRxzGktJ+5ecwHwYDVR0jBBgwFoAU6AvhzWqvla6z2K/I\nRxzGktJ+5ecwDwYDVR0TAQH/BAUwAwEB/zANBgkqhkiG9w0BAQQFAAOBgQCLrQi+\njimIeweDOIc++3Ft0OWQCH399WIsgAVNr7nCoE2u5At1Nspv9Q8g6d/YOPOflXNt\nPhTn55fmZdvFynjbV1vqbcamSoO2japjHx9sGvEkSmuoZudPgOTKKzs2bz3ViFx8\n0+SZYGAQbCOC9jopFDkSa8SphcXb2Ta3Lz8+Sw==\n-----END CERTIFICATE-----\n"

/** A certificate built directly, for the cases the generator refuses to make (past dates, EC, small keys). */
async function certificate(o: {
  keys: CryptoKeyPair
  signingAlgorithm: Algorithm | EcdsaParams
  notBefore: Date
  notAfter: Date
}): Promise<string> {
  // Same order as lib/emulator/keys.ts: tsyringe needs Reflect metadata before @peculiar/x509 loads.
  await import("reflect-metadata")
  const x509 = await import("@peculiar/x509")
  x509.cryptoProvider.set(webCrypto)
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    name: "CN=test",
    serialNumber: "01",
    ...o,
  })
  return cert.toString("pem")
}

function parsed(r: CertificateCheck) {
  if (!r.parsed) throw new Error(`expected a parsed certificate, got: ${r.parseError}`)
  return r
}
const texts = (r: CertificateCheck) => r.verdicts.map((v) => `${v.level}: ${v.text}`)

let generated: Awaited<ReturnType<typeof generateKeyAndCertificate>>
let otherKeyPem: string

beforeAll(async () => {
  generated = await generateKeyAndCertificate(
    { bits: 2048, cn: "salesforce-oauth-lab", days: 365 },
    webCrypto,
  )
  otherKeyPem = crypto
    .generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString()
})

describe("checkCertificate", () => {
  it("reports a match, the key, the dates and the signature algorithm of a generated pair", async () => {
    const r = parsed(await checkCertificate(generated.certificatePem, generated.privateKeyPem))
    expect(r).toMatchObject({
      subjectCn: "salesforce-oauth-lab",
      selfSigned: true,
      validity: "valid",
      keyAlgorithm: "rsa",
      keySize: 2048,
      keyLabel: "RSA 2048",
      signatureAlgorithm: "sha256WithRSAEncryption",
      keyMatch: "match",
      extraCertificates: 0,
    })
    expect(r.daysLeft).toBeGreaterThanOrEqual(364)
    expect(r.sha256Fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
    expect(texts(r)).toContain(
      "pass: The certificate matches SALESFORCE_PRIVATE_KEY: Salesforce will verify assertions signed with SALESFORCE_PRIVATE_KEY using this certificate.",
    )
    expect(r.verdicts.every((v) => v.level === "pass")).toBe(true)
  })

  it("reports a mismatch with another key, with the fix", async () => {
    const r = parsed(await checkCertificate(generated.certificatePem, otherKeyPem))
    expect(r.keyMatch).toBe("mismatch")
    const fail = r.verdicts.find((v) => v.level === "fail")
    expect(fail?.text).toContain("JWT Bearer will fail with invalid_grant / invalid assertion")
    expect(fail?.text).toContain("point SALESFORCE_PRIVATE_KEY_FILE at the key of this certificate")
  })

  it("names the embedded org's key in emulator mode, and SALESFORCE_PRIVATE_KEY otherwise", async () => {
    expect(configuredKeyName({ embedded: true, config: {} })).toBe("the embedded org's app key")
    expect(configuredKeyName({ embedded: true, config: { app: {} } })).toBe(
      "SALESFORCE_PRIVATE_KEY",
    )
    const r = await checkCertificate(generated.certificatePem, generated.privateKeyPem, {
      keyName: "the embedded org's app key",
    })
    expect(texts(r)[0]).toContain("signed with the embedded org's app key using this certificate")
  })

  it("says when no key is configured, and when the configured key cannot be read", async () => {
    expect(parsed(await checkCertificate(generated.certificatePem, undefined)).keyMatch).toBe(
      "no-key",
    )
    expect(texts(await checkCertificate(generated.certificatePem, undefined))[0]).toContain(
      "No private key is configured",
    )
    expect(
      parsed(await checkCertificate(generated.certificatePem, `${fakePkcs8("AAAA")}\n`)).keyMatch,
    ).toBe("unreadable-key")
  })

  it("fails an expired certificate: Salesforce rejects it for JWT Bearer", async () => {
    const keys = (await webCrypto.subtle.generateKey(RSA(2048), true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair
    const pem = await certificate({
      keys,
      signingAlgorithm: RSA(2048),
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - 35 * DAY),
    })
    const r = parsed(await checkCertificate(pem, undefined))
    expect(r.validity).toBe("expired")
    expect(r.daysLeft).toBeLessThan(-30)
    expect(texts(r).find((t) => t.startsWith("fail: Expired on"))).toContain(
      "Salesforce rejects expired certificates for JWT Bearer",
    )
  })

  it("fails a certificate that is not valid yet, and warns when it expires within 30 days", async () => {
    const notYet = parsed(
      await checkCertificate(generated.certificatePem, undefined, {
        now: new Date(Date.now() - 2 * DAY),
      }),
    )
    expect(notYet.validity).toBe("not-yet-valid")
    expect(texts(notYet).some((t) => t.startsWith("fail: Not valid before"))).toBe(true)
    const soon = parsed(
      await checkCertificate(generated.certificatePem, undefined, {
        now: new Date(Date.now() + 350 * DAY),
      }),
    )
    expect(soon.validity).toBe("valid")
    expect(texts(soon).some((t) => t.startsWith("warn: Expires on"))).toBe(true)
  })

  it("fails an EC P-256 certificate: RS256 needs an RSA key", async () => {
    const ec = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" }
    const keys = (await webCrypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair
    const pem = await certificate({
      keys,
      signingAlgorithm: ec,
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 30 * DAY),
    })
    const r = parsed(await checkCertificate(pem, generated.privateKeyPem))
    expect(r).toMatchObject({
      keyAlgorithm: "ec",
      keyCurve: "prime256v1",
      keyLabel: "EC prime256v1",
      signatureAlgorithm: "ecdsa-with-SHA256",
      keyMatch: "mismatch",
    })
    expect(texts(r)).toContain(
      "fail: EC prime256v1 key: Salesforce needs a plain RSA key for RS256, the only algorithm it accepts for JWT Bearer. Make an RSA key pair and certificate (openssl req -x509 -newkey rsa:2048 …).",
    )
  })

  it("keeps even a many-verdict result small enough for the one-minute result cookie", async () => {
    const ec = { name: "ECDSA", namedCurve: "P-384", hash: "SHA-384" }
    const keys = (await webCrypto.subtle.generateKey(ec, true, ["sign", "verify"])) as CryptoKeyPair
    const pem = await certificate({
      keys,
      signingAlgorithm: ec,
      notBefore: new Date(Date.now() - 400 * DAY),
      notAfter: new Date(Date.now() - DAY),
    })
    const r = await checkCertificate(pem + pem, otherKeyPem, {
      keyName: "the embedded org's app key",
    })
    expect(r.verdicts).toHaveLength(4)
    // Sealed (JWE) it grows by a third; browsers drop cookies past 4096 bytes.
    expect(JSON.stringify({ result: r }).length).toBeLessThan(2600)
  })

  it("fails an RSA key under 2048 bits as too small", async () => {
    const keys = (await webCrypto.subtle.generateKey(RSA(1024), true, [
      "sign",
      "verify",
    ])) as CryptoKeyPair
    const pem = await certificate({
      keys,
      signingAlgorithm: RSA(1024),
      notBefore: new Date(),
      notAfter: new Date(Date.now() + 90 * DAY),
    })
    const r = parsed(await checkCertificate(pem, undefined))
    expect(r.keyLabel).toBe("RSA 1024")
    expect(texts(r).some((t) => t.startsWith("fail: RSA 1024-bit key: too small"))).toBe(true)
  })

  it("names the algorithm the certificate itself is signed with as openssl does, and warns on SHA-1 and MD5", async () => {
    const signedWith = async (
      keyAlgorithm: RsaHashedKeyGenParams | EcKeyGenParams | Algorithm,
      signingAlgorithm: Algorithm | EcdsaParams | RsaPssParams,
    ) => {
      const keys = (await webCrypto.subtle.generateKey(keyAlgorithm, true, [
        "sign",
        "verify",
      ])) as CryptoKeyPair
      return parsed(
        await checkCertificate(
          await certificate({
            keys,
            signingAlgorithm,
            notBefore: new Date(),
            notAfter: new Date(Date.now() + 90 * DAY),
          }),
          undefined,
        ),
      )
    }
    const sha1 = await signedWith({ ...RSA(2048), hash: "SHA-1" }, {
      name: "RSASSA-PKCS1-v1_5",
      hash: "SHA-1",
    } as Algorithm)
    expect(sha1.signatureAlgorithm).toBe("sha1WithRSAEncryption")
    expect(texts(sha1)).toContain(
      "warn: The certificate itself is signed with sha1WithRSAEncryption. Assertions are checked with its public key only, but tools increasingly refuse such certificates: regenerate with -sha256.",
    )
    expect(
      (
        await signedWith({ ...RSA(2048), hash: "SHA-512" }, {
          name: "RSASSA-PKCS1-v1_5",
          hash: "SHA-512",
        } as Algorithm)
      ).signatureAlgorithm,
    ).toBe("sha512WithRSAEncryption")
    const pss = { ...RSA(2048), name: "RSA-PSS" }
    expect(
      (await signedWith(pss, { ...pss, saltLength: 32 } as RsaPssParams)).signatureAlgorithm,
    ).toBe("RSASSA-PSS")
    const ec = { name: "ECDSA", namedCurve: "P-384", hash: "SHA-384" }
    expect((await signedWith(ec, ec)).signatureAlgorithm).toBe("ecdsa-with-SHA384")
    expect((await signedWith({ name: "Ed25519" }, { name: "Ed25519" })).signatureAlgorithm).toBe(
      "Ed25519",
    )
    // WebCrypto cannot sign with MD5: made once with openssl req -x509 -newkey rsa:1024 -md5.
    const md5 = parsed(await checkCertificate(MD5_CERTIFICATE, undefined))
    expect(md5.signatureAlgorithm).toBe("md5WithRSAEncryption")
    expect(
      texts(md5).some((t) =>
        t.startsWith("warn: The certificate itself is signed with md5WithRSAEncryption."),
      ),
    ).toBe(true)
    expect(
      texts(parsed(await checkCertificate(generated.certificatePem, undefined))).join("\n"),
    ).not.toContain("The certificate itself is signed with")
  })

  it("gives a clear parse error for garbage, a damaged block, a private key or a CSR", async () => {
    const error = async (input: string) => {
      const r = await checkCertificate(input, generated.privateKeyPem)
      if (r.parsed) throw new Error("expected a parse error")
      expect(r.verdicts[0]?.level).toBe("fail")
      return r.parseError
    }
    expect(await error("")).toBe("Nothing to check: paste a certificate or choose a file.")
    expect(await error("hello, certificate")).toBe(
      "No certificate found: expected a PEM block starting with -----BEGIN CERTIFICATE-----.",
    )
    expect(
      await error("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----"),
    ).toMatch(/^The certificate block is damaged/)
    expect(
      await error("-----BEGIN CERTIFICATE-----\nMIIBAAAAAAAA\n-----END CERTIFICATE-----"),
    ).toMatch(/^The certificate block is not a valid X\.509 certificate/)
    expect(await error(generated.privateKeyPem)).toMatch(
      /^This is a private key, not a certificate/,
    )
    expect(
      await error("-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----"),
    ).toMatch(/^This is a certificate signing request/)
  })

  it("reads PEM with literal \\n (as .env files hold it), DER uploads, and only the first of several certificates", async () => {
    expect(
      parsed(
        await checkCertificate(
          generated.certificatePem.replace(/\n/g, "\\n"),
          generated.privateKeyPem,
        ),
      ).keyMatch,
    ).toBe("match")
    const der = new crypto.X509Certificate(generated.certificatePem).raw
    expect(
      parsed(await checkCertificate(certificateTextFromBytes(der), generated.privateKeyPem))
        .keyMatch,
    ).toBe("match")
    const two = parsed(
      await checkCertificate(
        generated.certificatePem + generated.certificatePem,
        generated.privateKeyPem,
      ),
    )
    expect(two.extraCertificates).toBe(1)
    expect(texts(two).some((t) => t.startsWith("info: The text holds 2 certificates"))).toBe(true)
  })
})

describe("the generator's key and certificate", () => {
  it("verify a JWT signed with the generated key (RS256), as Salesforce does with the uploaded certificate", async () => {
    expect(generated.privateKeyPem.startsWith(`${PKCS8_BEGIN}\n`)).toBe(true)
    const key = await importPKCS8(generated.privateKeyPem, "RS256")
    const jwt = await new SignJWT({})
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer("3MVG9test")
      .setSubject("demo@example.com")
      .setAudience("https://login.salesforce.com")
      .setExpirationTime("3m")
      .sign(key)
    const { payload } = await compactVerify(
      jwt,
      new crypto.X509Certificate(generated.certificatePem).publicKey,
    )
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      iss: "3MVG9test",
      sub: "demo@example.com",
    })
    await expect(compactVerify(jwt, crypto.createPublicKey(otherKeyPem))).rejects.toThrow()
  })

  it("honours the key size, CN and validity, and the openssl command says the same", async () => {
    const o = { bits: 4096, cn: "my-integration", days: 30 } as const
    const pair = await generateKeyAndCertificate(o, webCrypto)
    const r = parsed(await checkCertificate(pair.certificatePem, pair.privateKeyPem))
    expect(r).toMatchObject({
      subjectCn: "my-integration",
      keyLabel: "RSA 4096",
      keyMatch: "match",
    })
    expect(new Date(r.notAfter).getTime() - new Date(r.notBefore).getTime()).toBe(30 * DAY)
    expect(opensslCommand(o)).toBe(
      'openssl req -x509 -newkey rsa:4096 -sha256 -nodes -keyout server.key -out server.crt -days 30 -subj "/CN=my-integration"',
    )
  })

  it("refuses a CN that would need quoting and validity outside 1..3650 days", () => {
    expect(optionsProblem({ bits: 2048, cn: "salesforce-oauth-lab", days: 365 })).toBeUndefined()
    expect(optionsProblem({ bits: 2048, cn: 'a"; rm -rf /', days: 365 })).toMatch(/common name/)
    expect(optionsProblem({ bits: 2048, cn: "", days: 365 })).toMatch(/common name/)
    expect(optionsProblem({ bits: 2048, cn: "x", days: 0 })).toMatch(/validity/)
    expect(optionsProblem({ bits: 2048, cn: "x", days: 3651 })).toMatch(/validity/)
  })
})
