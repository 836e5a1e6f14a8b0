import crypto from "node:crypto"
import { exportJWK, SignJWT } from "jose"

/** What the device says about itself in the asset token flow's actor token. */
export interface DeviceClaims {
  /** `did`: the device's id. */
  deviceId: string
  /** `Name`: the asset token's display name. */
  name: string
  /** `Asset.SerialNumber`, and `Asset.Name` (the name again) when given. */
  serialNumber?: string
}

export const ACTOR_TOKEN_LIMITS = { deviceId: 64, name: 80, serialNumber: 80 } as const
const SAFE = /^[\w .:#/-]+$/

/** Checks a device form: each field present (serial optional), short, and of plain characters. */
export function deviceClaimsProblem(c: DeviceClaims): string | undefined {
  for (const k of ["deviceId", "name", "serialNumber"] as const) {
    const v = c[k]
    if (v === undefined || v === "") {
      if (k !== "serialNumber") return `${k === "deviceId" ? "Device id" : "Name"} is required.`
      continue
    }
    if (v.length > ACTOR_TOKEN_LIMITS[k] || !SAFE.test(v))
      return `${k === "deviceId" ? "Device id" : k === "name" ? "Name" : "Serial number"} must be at most ${ACTOR_TOKEN_LIMITS[k]} letters, digits, spaces or . : # / - _`
  }
  return undefined
}

/** The actor token's payload, in the claim names Salesforce reads (AssetTokenEvent: did, Name, Asset, cnf). */
export function actorPayload(c: DeviceClaims): Record<string, unknown> {
  return {
    did: c.deviceId,
    Name: c.name,
    Asset: { Name: c.name, ...(c.serialNumber ? { SerialNumber: c.serialNumber } : {}) },
  }
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url")

/**
 * Builds the actor token. Unsigned: `alg: none` and an empty signature. Signed: RS256 with
 * `key`, whose public half goes into `cnf.jwk` (RFC 7800 §3.2) so the org can check that the
 * device holds it.
 */
export async function buildActorToken(
  c: DeviceClaims,
  key?: crypto.KeyObject,
): Promise<{ token: string; header: Record<string, unknown>; payload: Record<string, unknown> }> {
  const payload = actorPayload(c)
  if (!key) {
    const header = { alg: "none", typ: "JWT" }
    return { token: `${b64(header)}.${b64(payload)}.`, header, payload }
  }
  const jwk = await exportJWK(crypto.createPublicKey(key))
  const signedPayload = { ...payload, cnf: { jwk: { kty: jwk.kty, n: jwk.n, e: jwk.e } } }
  const header = { alg: "RS256", typ: "JWT" }
  const token = await new SignJWT(signedPayload).setProtectedHeader(header).sign(key)
  return { token, header, payload: signedPayload }
}
