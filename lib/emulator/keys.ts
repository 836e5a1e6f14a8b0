import "server-only"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose"

/**
 * @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API
 * loaded first. Static imports give no such order once bundled, so both load on first use, in order.
 */
async function x509Lib() {
  await import("reflect-metadata")
  const x509 = await import("@peculiar/x509")
  x509.cryptoProvider.set(crypto.webcrypto as unknown as Crypto)
  return x509
}

/** The key pair the org signs `id_token`s with; its public half is published at `/id/keys`. */
export interface OrgSigningKey {
  kid: string
  privateKey: crypto.KeyObject
  publicJwk: JWK
}

/** The site's connected app as registered in the embedded org. */
export interface AppCredentials {
  clientId: string
  clientSecret: string
  /** PKCS#8 PEM; the site signs JWT Bearer assertions with it in emulator mode. */
  privateKeyPem: string
  /** The "digital certificate" uploaded to the app; the org verifies assertions with its key. */
  certificatePem: string
}

export interface AppOverride {
  clientId: string
  clientSecret: string
  privateKeyPem: string
}

const RSA_PARAMS: RsaHashedKeyGenParams = {
  name: "RSASSA-PKCS1-v1_5",
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: "SHA-256",
}

const pem = (label: string, der: ArrayBuffer) =>
  `-----BEGIN ${label}-----\n${Buffer.from(der).toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n")}-----END ${label}-----\n`

/** A self-signed certificate for `keys`, as one would make with `openssl req -x509`. */
export async function selfSignedCertificate(
  keys: CryptoKeyPair,
  commonName: string,
  days = 365,
): Promise<string> {
  const x509 = await x509Lib()
  const notBefore = new Date(Date.now() - 60_000)
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: crypto.randomBytes(8).toString("hex"),
    name: `CN=${commonName}`,
    notBefore,
    notAfter: new Date(notBefore.getTime() + days * 86_400_000),
    signingAlgorithm: RSA_PARAMS,
    keys,
    extensions: [new x509.BasicConstraintsExtension(false, undefined, true)],
  })
  return cert.toString("pem") + "\n"
}

/** Consumer keys look like Salesforce's: `3MVG9` followed by 80 characters of [A-Za-z0-9._]. */
function consumerKey(): string {
  return "3MVG9" + crypto.randomBytes(60).toString("base64url").replace(/-/g, ".").slice(0, 80)
}

async function generateAppCredentials(): Promise<AppCredentials> {
  const keys = await crypto.webcrypto.subtle.generateKey(RSA_PARAMS, true, ["sign", "verify"])
  return {
    clientId: consumerKey(),
    clientSecret: crypto.randomBytes(32).toString("hex").toUpperCase(),
    privateKeyPem: pem(
      "PRIVATE KEY",
      await crypto.webcrypto.subtle.exportKey("pkcs8", keys.privateKey),
    ),
    certificatePem: await selfSignedCertificate(keys as CryptoKeyPair, "Salesforce OAuth Lab"),
  }
}

/** Registers an app with credentials the operator supplied: its certificate is made from their key. */
export async function appFromOverride(o: AppOverride): Promise<AppCredentials> {
  const privateKey = crypto.createPrivateKey(o.privateKeyPem)
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" })
  const spki = crypto.createPublicKey(privateKey).export({ type: "spki", format: "der" })
  const subtle = crypto.webcrypto.subtle
  const keys = {
    privateKey: await subtle.importKey("pkcs8", pkcs8, RSA_PARAMS, false, ["sign"]),
    publicKey: await subtle.importKey("spki", spki, RSA_PARAMS, true, ["verify"]),
  } as CryptoKeyPair
  return {
    ...o,
    certificatePem: await selfSignedCertificate(keys, "Salesforce OAuth Lab (configured key)"),
  }
}

/**
 * Writes a folder whole or not at all: files go to a temporary sibling that is renamed into place.
 * When two processes start at once, one rename wins and the other reads the winner's files.
 */
export function writeFolderOnce(target: string, files: Record<string, string>): void {
  const tmp = `${target}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`
  fs.mkdirSync(tmp, { recursive: true, mode: 0o700 })
  for (const [name, content] of Object.entries(files))
    fs.writeFileSync(path.join(tmp, name), content, { mode: 0o600 })
  try {
    fs.renameSync(tmp, target)
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true })
    if (!fs.existsSync(target)) throw e
  }
}

/** The generated connected-app credentials in `<dataDir>/connected-app/`, made on first run. */
export async function loadOrCreateAppCredentials(dataDir: string): Promise<AppCredentials> {
  const dir = path.join(dataDir, "connected-app")
  if (!fs.existsSync(path.join(dir, "credentials.json"))) {
    const app = await generateAppCredentials()
    writeFolderOnce(dir, {
      "credentials.json":
        JSON.stringify({ clientId: app.clientId, clientSecret: app.clientSecret }, null, 2) + "\n",
      "server.key": app.privateKeyPem,
      "server.crt": app.certificatePem,
    })
  }
  const { clientId, clientSecret } = JSON.parse(
    fs.readFileSync(path.join(dir, "credentials.json"), "utf8"),
  ) as {
    clientId: string
    clientSecret: string
  }
  return {
    clientId,
    clientSecret,
    privateKeyPem: fs.readFileSync(path.join(dir, "server.key"), "utf8"),
    certificatePem: fs.readFileSync(path.join(dir, "server.crt"), "utf8"),
  }
}

/** The org's `id_token` signing key in `<dataDir>/org-keys/`, stable across restarts (same `kid`). */
export async function loadOrCreateSigningKey(dataDir: string): Promise<OrgSigningKey> {
  const dir = path.join(dataDir, "org-keys")
  const file = path.join(dir, "signing-key.pem")
  if (!fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
    writeFolderOnce(dir, {
      "signing-key.pem": privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    })
  }
  const privateKey = crypto.createPrivateKey(fs.readFileSync(file, "utf8"))
  const jwk = await exportJWK(crypto.createPublicKey(privateKey))
  const kid = (await calculateJwkThumbprint(jwk)).slice(0, 12)
  return {
    kid,
    privateKey,
    publicJwk: { kty: jwk.kty, e: jwk.e, n: jwk.n, kid, alg: "RS256", use: "sig" },
  }
}

const certificateKeys = new Map<string, crypto.KeyObject>()

/** The public key inside a PEM certificate, parsed once per certificate (every JWT Bearer login needs it). */
export function certificatePublicKey(certificatePem: string): crypto.KeyObject {
  let key = certificateKeys.get(certificatePem)
  if (!key)
    certificateKeys.set(
      certificatePem,
      (key = new crypto.X509Certificate(certificatePem).publicKey),
    )
  return key
}
