import "server-only"
import crypto from "node:crypto"
import { SignJWT } from "jose"
import { FlowError } from "./errors"

/** The JWT Bearer assertion's parts, shown before anything is signed. */
export interface AssertionPlan {
  header: { alg: "RS256"; typ: "JWT" }
  claims: { iss: string; sub: string; aud: string; exp: number; iat: number; jti: string }
}

/** "within 3 minutes", in seconds since the epoch (salesforce-oauth.md §4.1). */
const LIFETIME_S = 180

export function planAssertion(o: { clientId: string; username: string; audience: string; nowMs?: number }): AssertionPlan {
  const iat = Math.floor((o.nowMs ?? Date.now()) / 1000)
  return {
    header: { alg: "RS256", typ: "JWT" },
    claims: { iss: o.clientId, sub: o.username, aud: o.audience, exp: iat + LIFETIME_S, iat, jti: crypto.randomUUID() },
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
      throw new FlowError("KEY_INVALID", "the configured private key cannot be read as a PEM private key", { cause: e })
    }
    if (key.asymmetricKeyType !== "rsa") throw new FlowError("KEY_INVALID", `the configured private key is ${key.asymmetricKeyType}, but Salesforce needs RSA (RS256)`)
    // RS256 with less than 2048 bits is refused by RFC 7518 §3.3 and by Salesforce's certificate upload.
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) throw new FlowError("KEY_INVALID", `the configured RSA key has ${key.asymmetricKeyDetails?.modulusLength} bits; RS256 needs at least 2048`)
    keys.set(pem, key)
  }
  return key
}

/** Signs the planned assertion with RS256: the only algorithm Salesforce accepts here. */
export function signAssertion(plan: AssertionPlan, privateKeyPem: string): Promise<string> {
  return new SignJWT({ ...plan.claims }).setProtectedHeader(plan.header).sign(privateKeyFor(privateKeyPem))
}
