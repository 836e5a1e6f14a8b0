// The key pair and certificate the keys page makes, in the browser (imported by the client component
// and by the unit tests; nothing here runs on the server for a user).

/** What the user picks: the same three knobs as `openssl req -x509`. */
export interface KeyOptions {
  bits: 2048 | 4096
  cn: string
  days: number
}

export interface GeneratedKeys {
  /** PKCS#8, as `openssl req -nodes -keyout` writes it. */
  privateKeyPem: string
  certificatePem: string
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${btoa(String.fromCharCode(...new Uint8Array(der)))
    .replace(/.{64}/g, "$&\n")
    .replace(/\n?$/, "\n")}-----END ${label}-----\n`

/** A CN that needs no quoting in a distinguished name, in `-subj "/CN=…"`, or in a shell. */
export function optionsProblem(o: KeyOptions): string | undefined {
  if (!/^[\w .*@:-]{1,64}$/.test(o.cn))
    return "The common name must be 1 to 64 letters, digits, spaces or . * @ : - _"
  if (!Number.isInteger(o.days) || o.days < 1 || o.days > 3650)
    return "The validity must be a whole number of days from 1 to 3650."
  return undefined
}

/** The openssl command that makes the same pair, so the page doubles as a recipe. */
export const opensslCommand = (o: KeyOptions) =>
  `openssl req -x509 -newkey rsa:${o.bits} -sha256 -nodes -keyout server.key -out server.crt -days ${o.days} -subj "/CN=${o.cn}"`

/**
 * An RSA key pair (RSASSA-PKCS1-v1_5, SHA-256, e = 65537: what RS256 signs with) and a self-signed
 * certificate for it, made with `webCrypto` alone: in the page that is the browser's, so the private
 * key is created, shown and saved without ever being sent anywhere.
 */
export async function generateKeyAndCertificate(
  o: KeyOptions,
  webCrypto: Crypto,
): Promise<GeneratedKeys> {
  // @peculiar/x509 resolves its services through tsyringe, which needs Reflect metadata loaded first.
  await import("reflect-metadata")
  const x509 = await import("@peculiar/x509")
  x509.cryptoProvider.set(webCrypto)
  const algorithm: RsaHashedKeyGenParams = {
    name: "RSASSA-PKCS1-v1_5",
    modulusLength: o.bits,
    publicExponent: new Uint8Array([1, 0, 1]),
    hash: "SHA-256",
  }
  const keys = await webCrypto.subtle.generateKey(algorithm, true, ["sign", "verify"])
  const serial = webCrypto.getRandomValues(new Uint8Array(16))
  serial[0] = (serial[0] ?? 0) & 0x7f // a positive INTEGER, as RFC 5280 requires
  const notBefore = new Date(Date.now() - 60_000) // a minute of slack for clocks a little behind
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: [...serial].map((b) => b.toString(16).padStart(2, "0")).join(""),
    name: [{ CN: [o.cn] }],
    notBefore,
    notAfter: new Date(notBefore.getTime() + o.days * 86_400_000),
    signingAlgorithm: algorithm,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  })
  return {
    privateKeyPem: pem("PRIVATE KEY", await webCrypto.subtle.exportKey("pkcs8", keys.privateKey)),
    certificatePem: cert.toString("pem") + "\n",
  }
}
