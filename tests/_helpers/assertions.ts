import crypto from "node:crypto"
import { importPKCS8, SignJWT, type JWTPayload } from "jose"

/** Signs a JWT Bearer assertion as a client would; claims and header can be bent for S-5x cases. */
export async function signAssertion(
  privateKeyPem: string,
  claims: JWTPayload,
  header: Record<string, unknown> = {},
): Promise<string> {
  const key = await importPKCS8(privateKeyPem, "RS256")
  return new SignJWT(claims).setProtectedHeader({ alg: "RS256", ...header }).sign(key)
}

export function standardClaims(
  clientId: string,
  aud: string,
  username: string,
  nowMs: number,
): JWTPayload {
  return {
    iss: clientId,
    sub: username,
    aud,
    exp: Math.floor(nowMs / 1000) + 180,
    jti: crypto.randomUUID(),
  }
}

let other: string | undefined

/**
 * "Some other key": a private key that is not the org app's. Generated once per test worker (RSA
 * key generation takes 100-300 ms), since no test needs two different foreign keys.
 */
export const otherPrivateKeyPem = (): string =>
  (other ??= crypto
    .generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString())

export const JWT_GRANT = "urn:ietf:params:oauth:grant-type:jwt-bearer"
