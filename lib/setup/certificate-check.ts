import "server-only"
import crypto from "node:crypto"
import { publicKeyAlgorithmOf, signatureAlgorithmOf } from "./certificate-signature"
import type { CertificateCheck, KeyMatch } from "./certificate-types"
import { verdictsFor } from "./certificate-verdicts"

/**
 * Checks a certificate the way Salesforce will use it for the JWT Bearer flow: the app's "Use
 * digital signatures" certificate must hold the public half of the key that signs the assertions
 * (RS256, so an RSA key), and must be in date. Pure: no I/O, and the private key only ever meets
 * `crypto.createPublicKey` here, so nothing about it leaves the server but "matches or not".
 */

/** The sealed cookie that carries a check's result from the route to the page (short-lived). */
export const CHECK_COOKIE = "sfl_cert_check"
export const CHECK_PURPOSE = "certificate check"
export const CHECK_MAX_AGE_S = 60
/** A certificate is a few KB: anything past this is not one, and is refused unread. */
export const MAX_CHECK_INPUT_BYTES = 64 * 1024

export type { CertificateCheck, KeyMatch, Verdict } from "./certificate-types"

export interface CheckOptions {
  now?: Date
  /** How the verdicts name the configured key (default "SALESFORCE_PRIVATE_KEY"). */
  keyName?: string
}

const DAY_MS = 86_400_000
const CERT_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g

const failed = (parseError: string): CertificateCheck => ({
  parsed: false,
  parseError,
  verdicts: [
    { level: "fail", text: "Salesforce cannot use this: it is not a certificate it can read." },
  ],
})
const clip = (s: string, n = 200) => (s.length > n ? `${s.slice(0, n)}…` : s)

/**
 * A block that is X.509 but holds a field that cannot be read: a clear refusal, as for any other
 * input the checker cannot use, never an exception (docs/security.md EF1, C-71).
 */
export const unusableCertificate = (why: string): CertificateCheck =>
  failed(`This is not a certificate Salesforce can use: ${why}`)

/**
 * How the verdicts name the key the site signs with: in emulator mode without an operator key it is
 * the embedded org's generated app key, otherwise SALESFORCE_PRIVATE_KEY (or its _FILE twin).
 */
export function configuredKeyName(org: { embedded: boolean; config: { app?: unknown } }): string {
  return org.embedded && !org.config.app ? "the embedded org's app key" : "SALESFORCE_PRIVATE_KEY"
}

/** Text from an uploaded file: PEM as it is, or DER (binary, `openssl x509 -outform der`) wrapped as PEM. */
export function certificateTextFromBytes(bytes: Uint8Array): string {
  const text = new TextDecoder().decode(bytes)
  if (text.includes("-----BEGIN") || bytes[0] !== 0x30) return text
  const b64 = Buffer.from(bytes).toString("base64").replace(/.{64}/g, "$&\n")
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`
}

/** Inspects `pemText` (the first certificate in it) against `privateKeyPem`, the key the site signs with. */
export async function checkCertificate(
  pemText: string,
  privateKeyPem: string | undefined,
  options: CheckOptions = {},
): Promise<CertificateCheck> {
  // Values copied out of .env files carry literal "\n" for newlines.
  const text = pemText.replace(/\\n/g, "\n").trim()
  if (!text) return failed("Nothing to check: paste a certificate or choose a file.")
  const blocks = [...text.matchAll(CERT_BLOCK)].map((m) => (m[1] ?? "").replace(/\s+/g, ""))
  const first = blocks[0]
  if (first === undefined) return failed(notACertificate(text))
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(first))
    return failed("The certificate block is damaged: the text between BEGIN and END is not base64.")
  let cert: crypto.X509Certificate
  try {
    cert = new crypto.X509Certificate(Buffer.from(first, "base64"))
  } catch (e) {
    return failed(
      `The certificate block is not a valid X.509 certificate (${clip((e as Error).message, 120)}): it may be cut short or altered.`,
    )
  }
  const now = options.now ?? new Date()
  const notBefore = new Date(cert.validFrom)
  const notAfter = new Date(cert.validTo)
  // OpenSSL reads a time RFC 5280 §4.1.2.5 does not allow (month 13, letters) as "Bad time value":
  // such a certificate has no validity period anyone can check.
  if (Number.isNaN(notBefore.getTime()) || Number.isNaN(notAfter.getTime()))
    return unusableCertificate(
      `its validity dates cannot be read (not before: ${clip(cert.validFrom, 40)}; not after: ${clip(cert.validTo, 40)}). Make a new certificate from your key (openssl req -x509 -key server.key …).`,
    )
  let key: crypto.KeyObject
  try {
    key = cert.publicKey
  } catch {
    // OpenSSL cannot load a key of an algorithm it does not know (an unknown OID): nor can Salesforce.
    return unusableCertificate(
      `its public key's algorithm (${clip(await publicKeyAlgorithmOf(cert.raw), 80)}) cannot be read. Salesforce needs an RSA key for RS256: make an RSA key pair and certificate (openssl req -x509 -newkey rsa:2048 …).`,
    )
  }
  const details = key.asymmetricKeyDetails ?? {}
  const keyAlgorithm = key.asymmetricKeyType ?? "unknown"
  const keyLabel =
    `${keyAlgorithm.toUpperCase()} ${details.modulusLength ?? details.namedCurve ?? ""}`.trim()
  const result = {
    parsed: true as const,
    subjectCn: cert.subject
      .split("\n")
      .find((l) => l.startsWith("CN="))
      ?.slice(3),
    subject: clip(cert.subject.replace(/\n/g, ", ")),
    selfSigned: cert.subject === cert.issuer,
    notBefore: notBefore.toISOString(),
    notAfter: notAfter.toISOString(),
    validity:
      now < notBefore
        ? ("not-yet-valid" as const)
        : now > notAfter
          ? ("expired" as const)
          : ("valid" as const),
    daysLeft: Math.floor((notAfter.getTime() - now.getTime()) / DAY_MS),
    keyAlgorithm,
    keySize: details.modulusLength,
    keyCurve: details.namedCurve,
    keyLabel,
    signatureAlgorithm: await signatureAlgorithmOf(cert.raw),
    sha256Fingerprint: cert.fingerprint256,
    keyMatch: matchKey(key, privateKeyPem),
    extraCertificates: blocks.length - 1,
  }
  if (result.subjectCn) result.subjectCn = clip(result.subjectCn)
  return { ...result, verdicts: verdictsFor(result, options.keyName ?? "SALESFORCE_PRIVATE_KEY") }
}

/** Names what was pasted when it is not a certificate, so the fix is obvious. */
function notACertificate(text: string): string {
  if (/-----BEGIN (RSA |EC |ENCRYPTED )?PRIVATE KEY-----/.test(text))
    return "This is a private key, not a certificate. Paste server.crt (-----BEGIN CERTIFICATE-----) instead, and keep the private key to yourself."
  if (text.includes("-----BEGIN CERTIFICATE REQUEST-----"))
    return "This is a certificate signing request (CSR), not a certificate. Make a certificate from it (openssl x509 -req) or use openssl req -x509."
  if (/-----BEGIN (RSA )?PUBLIC KEY-----/.test(text))
    return "This is a bare public key. Salesforce takes a certificate (-----BEGIN CERTIFICATE-----), not a public key."
  return "No certificate found: expected a PEM block starting with -----BEGIN CERTIFICATE-----."
}

function matchKey(publicKey: crypto.KeyObject, privateKeyPem: string | undefined): KeyMatch {
  if (!privateKeyPem) return "no-key"
  let configured: Buffer
  try {
    configured = crypto.createPublicKey(privateKeyPem).export({ type: "spki", format: "der" })
  } catch {
    return "unreadable-key"
  }
  return configured.equals(publicKey.export({ type: "spki", format: "der" })) ? "match" : "mismatch"
}
