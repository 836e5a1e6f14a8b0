import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { calculateJwkThumbprint, exportJWK, importJWK, type JWK } from "jose"

export interface IdpKeys {
  /** The RS256 signing key (private), never served. */
  privateKey: CryptoKey
  /** The public half as a JWK with `kid`, `alg`, `use`: what /jwks serves. */
  publicJwk: JWK
  kid: string
  /** HMAC key of the login form's CSRF tokens. */
  csrfKey: Buffer
}

/**
 * The provider's keys in `<dataDir>/external-idp/keys.json`, made on first run (the data folder is
 * git-ignored; written with mode 0600 in a folder of mode 0700, then renamed into place, so two
 * processes starting together agree on one key).
 */
export async function loadOrCreateIdpKeys(dataDir: string): Promise<IdpKeys> {
  const dir = path.join(dataDir, "external-idp")
  const file = path.join(dir, "keys.json")
  if (!fs.existsSync(file)) {
    const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
    const jwk = privateKey.export({ format: "jwk" })
    const tmp = `${dir}.tmp-${process.pid}-${crypto.randomBytes(4).toString("hex")}`
    fs.mkdirSync(tmp, { recursive: true, mode: 0o700 })
    fs.writeFileSync(
      path.join(tmp, "keys.json"),
      JSON.stringify({ signing: jwk, csrf: crypto.randomBytes(32).toString("base64url") }) + "\n",
      { mode: 0o600 },
    )
    try {
      fs.renameSync(tmp, dir)
    } catch (e) {
      fs.rmSync(tmp, { recursive: true, force: true })
      if (!fs.existsSync(file)) throw e
    }
  }
  const saved = JSON.parse(fs.readFileSync(file, "utf8")) as { signing: JWK; csrf: string }
  const privateKey = (await importJWK({ ...saved.signing, alg: "RS256" }, "RS256")) as CryptoKey
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...pub } = saved.signing
  const publicOnly = await exportJWK(await importJWK({ ...pub, alg: "RS256" }, "RS256"))
  const kid = await calculateJwkThumbprint(publicOnly)
  return {
    privateKey,
    publicJwk: { ...publicOnly, kid, alg: "RS256", use: "sig" },
    kid,
    csrfKey: Buffer.from(saved.csrf, "base64url"),
  }
}
