import { compactVerify, importJWK, type JWK } from "jose"
import { InvalidRequest } from "../errors"

/**
 * The asset token flow's actor token: a JWT describing the device. Its claims are those
 * Salesforce's AssetTokenEvent records from it: `did` (the device id), `Name` (the asset token's
 * display name), `Asset` (`Name`, `SerialNumber`, … of the Asset to create or link) and
 * `cnf.jwk` (the device's RSA public key)
 * (https://developer.salesforce.com/docs/platform/platform-events/guide/sforce-api-objects-assettokenevent.html).
 * It may be unsigned (`alg: none`); one carrying a `cnf` key must be signed with that key, which
 * proves the device holds it (https://cloudsundial.com/salesforce-identity/asset-token; the exact
 * rule is unverified, docs/fidelity.md, F-254).
 */
export interface ActorClaims {
  did?: string
  Name?: string
  Asset?: Record<string, string>
  cnf?: { jwk: JWK }
  signed: boolean
}

/** An actor token larger than this is refused before it is parsed (docs/security.md, S-292). */
export const MAX_ACTOR_TOKEN_CHARS = 8192
const MAX_CLAIM_CHARS = 255
/** The Asset fields an actor token may name (Asset's standard fields the flow fills). */
const ASSET_FIELDS = new Set([
  "Id",
  "Name",
  "SerialNumber",
  "AccountId",
  "ContactId",
  "Description",
])

export const invalidActorToken = () => new InvalidRequest("invalid actor token")
export const badActorSignature = () => new InvalidRequest("invalid actor token signature")

function jsonPart(part: string): Record<string, unknown> {
  if (!/^[A-Za-z0-9_-]+$/.test(part)) throw invalidActorToken()
  try {
    const v: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"))
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalidActorToken()
    return v as Record<string, unknown>
  } catch {
    throw invalidActorToken()
  }
}

const shortString = (v: unknown): v is string =>
  typeof v === "string" && v.length > 0 && v.length <= MAX_CLAIM_CHARS

function assetClaim(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return undefined
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw invalidActorToken()
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) {
    if (!ASSET_FIELDS.has(k) || !shortString(val)) throw invalidActorToken()
    out[k] = val
  }
  return out
}

/** An RSA public key (2048 bits or more) and nothing else: a private `d` is refused. */
function cnfKey(v: unknown): JWK | undefined {
  if (v === undefined) return undefined
  const jwk = (v as { jwk?: unknown } | null)?.jwk as JWK | undefined
  if (!jwk || typeof jwk !== "object" || jwk.kty !== "RSA" || "d" in jwk) throw invalidActorToken()
  if (typeof jwk.n !== "string" || Buffer.from(jwk.n, "base64url").length < 256)
    throw invalidActorToken()
  return { kty: "RSA", n: jwk.n, e: jwk.e }
}

/**
 * Parses and checks an actor token: shape, claims, and the signature when there is one (RS256
 * only, with the `cnf` key). `requireSigned` refuses an unsigned one. `nowSec` checks `exp`.
 */
export async function readActorToken(
  token: string,
  opts: { requireSigned: boolean; nowSec: number },
): Promise<ActorClaims> {
  if (token.length > MAX_ACTOR_TOKEN_CHARS) throw new InvalidRequest("actor token too large")
  const parts = token.split(".")
  if (parts.length !== 3) throw invalidActorToken()
  const header = jsonPart(parts[0]!)
  const payload = jsonPart(parts[1]!)
  const did = payload.did
  const name = payload.Name
  if (did !== undefined && !shortString(did)) throw invalidActorToken()
  if (name !== undefined && !shortString(name)) throw invalidActorToken()
  if (did === undefined && name === undefined && payload.Asset === undefined)
    throw invalidActorToken()
  if (payload.exp !== undefined && (typeof payload.exp !== "number" || payload.exp <= opts.nowSec))
    throw invalidActorToken()
  const claims: ActorClaims = {
    did,
    Name: name,
    Asset: assetClaim(payload.Asset),
    signed: header.alg !== "none",
  }
  const jwk = cnfKey(payload.cnf)
  if (jwk) claims.cnf = { jwk }
  if (header.alg === "none") {
    if (parts[2] !== "") throw invalidActorToken()
    if (jwk) throw badActorSignature()
    if (opts.requireSigned) throw new InvalidRequest("actor token must be signed")
    return claims
  }
  // Only RS256, only with the key the token itself names: a signature no key can check is refused.
  if (header.alg !== "RS256" || !jwk) throw badActorSignature()
  try {
    await compactVerify(token, await importJWK(jwk, "RS256"), { algorithms: ["RS256"] })
  } catch {
    throw badActorSignature()
  }
  return claims
}
