import "server-only"

/**
 * @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
 * loaded first. Static imports give no such order once bundled, so both load on first use, in order
 * (as in lib/emulator/keys.ts).
 */
async function x509Lib() {
  await import("reflect-metadata")
  return import("@peculiar/x509")
}

/** What @peculiar/x509 reads from a certificate's signatureAlgorithm: a WebCrypto algorithm. */
interface SignatureAlgorithm {
  name: string
  hash?: { name: string }
  namedCurve?: string
}

/**
 * Algorithms the library does not name come back as their dotted OID: the one worth naming is MD5,
 * since the checker warns about it (RFC 8017 Appendix C).
 */
const UNNAMED: Record<string, string> = { "1.2.840.113549.1.1.4": "md5WithRSAEncryption" }

/**
 * OpenSSL's name for the algorithm the certificate itself is signed with (`openssl x509 -text`
 * shows the same): sha256WithRSAEncryption, ecdsa-with-SHA256, RSASSA-PSS, Ed25519…; a dotted OID
 * when it has no name here, "unknown" when the certificate cannot be read this far.
 */
export async function signatureAlgorithmOf(der: Uint8Array): Promise<string> {
  try {
    const { X509Certificate } = await x509Lib()
    const alg = new X509Certificate(new Uint8Array(der)).signatureAlgorithm as SignatureAlgorithm
    const hash = alg.hash?.name.replace("-", "")
    if (alg.name === "RSASSA-PKCS1-v1_5" && hash) return `${hash.toLowerCase()}WithRSAEncryption`
    if (alg.name === "ECDSA" && hash) return `ecdsa-with-${hash}`
    if (alg.name === "RSA-PSS") return "RSASSA-PSS"
    if (alg.name === "EdDSA" && alg.namedCurve) return alg.namedCurve
    return UNNAMED[alg.name] ?? alg.name
  } catch {
    return "unknown"
  }
}

/**
 * The algorithm of the certificate's public key as @peculiar/x509 reads it: a WebCrypto name, or the
 * dotted OID of one it does not know (RFC 5280 §4.1.2.7). Names the key Node cannot load, which is
 * one Salesforce cannot use either; "unknown" when the certificate cannot be read this far.
 */
export async function publicKeyAlgorithmOf(der: Uint8Array): Promise<string> {
  try {
    const { X509Certificate } = await x509Lib()
    return new X509Certificate(new Uint8Array(der)).publicKey.algorithm.name
  } catch {
    return "unknown"
  }
}
