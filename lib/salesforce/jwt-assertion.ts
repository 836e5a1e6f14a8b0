import "server-only"
import crypto from "node:crypto"
import { FlowError } from "./errors"

/** The JWT Bearer assertion's parts, shown before anything is signed. */
export interface AssertionPlan {
  header: { alg: "RS256"; typ: "JWT" }
  claims: { iss: string; sub: string; aud: string; exp: number; iat: number; jti: string }
}

/** "within 3 minutes", in seconds since the epoch (https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_jwt_flow.htm&language=en_US&type=5). */
const LIFETIME_S = 180

/** RS256 is the only algorithm Salesforce accepts for the assertion, so the header never changes. */
const HEADER: AssertionPlan["header"] = Object.freeze({ alg: "RS256", typ: "JWT" })
const ENCODED_HEADER = Buffer.from(JSON.stringify(HEADER)).toString("base64url")

/** jose's floor for RS256 keys, which this module used to sign with: smaller keys are refused. */
const MIN_RSA_BITS = 2048

export function planAssertion(o: {
  clientId: string
  username: string
  audience: string
  nowMs?: number
}): AssertionPlan {
  const iat = Math.floor((o.nowMs ?? Date.now()) / 1000)
  return {
    header: HEADER,
    claims: {
      iss: o.clientId,
      sub: o.username,
      aud: o.audience,
      exp: iat + LIFETIME_S,
      iat,
      jti: crypto.randomUUID(),
    },
  }
}

const keys = new Map<string, crypto.KeyObject>()

/** Imports a PEM private key once and reuses it (the seed demo re-read its key file on every call). */
export function privateKeyFor(pem: string): crypto.KeyObject {
  let key = keys.get(pem)
  if (!key) {
    try {
      key = crypto.createPrivateKey(pem)
    } catch (e) {
      throw new FlowError(
        "KEY_INVALID",
        "the configured private key cannot be read as a PEM private key",
        { cause: e },
      )
    }
    if (key.asymmetricKeyType !== "rsa")
      throw new FlowError(
        "KEY_INVALID",
        `the configured private key is ${key.asymmetricKeyType}, but Salesforce needs RSA (RS256)`,
      )
    // RS256 with less than 2048 bits is refused by RFC 7518 §3.3 and by Salesforce's certificate upload.
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0
    if (bits < MIN_RSA_BITS)
      throw new FlowError(
        "KEY_INVALID",
        `the configured RSA key has ${bits} bits; RS256 needs at least ${MIN_RSA_BITS}`,
      )
    keys.set(pem, key)
  }
  return key
}

/**
 * Signs the planned assertion with RS256 (RSASSA-PKCS1-v1_5 over SHA-256: what `crypto.sign` does
 * with an RSA key and "sha256"), the only algorithm Salesforce accepts here. jose's WebCrypto path
 * held the builder to 0.72-0.85 of raw signing (CryptoKey handling, a thread-pool job per call), and
 * `crypto.sign` with a callback to about 0.85 (the hand-off to the pool and back costs more than it
 * saves on one short signature). jose still verifies these assertions, in the tests, the emulator and
 * the inspector, with RS256 pinned. The header is fixed and encoded once. Async so that a bad key
 * rejects like any other failure of the flow.
 */
export async function signAssertion(plan: AssertionPlan, privateKeyPem: string): Promise<string> {
  const input = `${ENCODED_HEADER}.${Buffer.from(JSON.stringify(plan.claims)).toString("base64url")}`
  return `${input}.${crypto.sign("sha256", Buffer.from(input), privateKeyFor(privateKeyPem)).toString("base64url")}`
}
