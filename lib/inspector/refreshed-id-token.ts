import { decodeJwt, type JSONWebKeySet, type JWTPayload } from "jose"
import type { IdTokenReceipt, LabSession, OriginalIdTokenClaims } from "@/lib/auth/session-types"
import { FlowError } from "@/lib/salesforce/errors"
import { sameIdentity } from "@/lib/salesforce/token-set"
import { verifyIdToken } from "@/lib/salesforce/verify"

/**
 * The claims of the session's sign-in id_token, which every refreshed one must repeat: kept from
 * the first Refresh on, since the refreshed id_token replaces the sign-in one in the session.
 */
export function originalClaims(s: LabSession): OriginalIdTokenClaims | undefined {
  if (s.idTokenReceipt?.refreshed) return s.idTokenReceipt.original
  if (!s.tokens.idToken) return undefined
  try {
    const c = decodeJwt(s.tokens.idToken)
    return {
      iss: c.iss,
      sub: c.sub,
      aud: c.aud,
      authTime: typeof c.auth_time === "number" ? c.auth_time : undefined,
    }
  } catch {
    return undefined
  }
}

/**
 * What the session records about its id_token after a Refresh that answered with `idToken` (or
 * none, at `receivedAt`): a new one is a refreshed one; without one the old one stays, its
 * `at_hash` now about an access token the session no longer holds.
 */
export function receiptAfterRefresh(
  s: LabSession,
  idToken: string | undefined,
  receivedAt: number,
): IdTokenReceipt | undefined {
  if (idToken) return { receivedAt, refreshed: true, original: originalClaims(s) }
  if (!s.tokens.idToken) return s.idTokenReceipt
  return {
    ...(s.idTokenReceipt ?? { receivedAt: s.signedInAt, refreshed: false }),
    earlierAccessToken: true,
  }
}

export interface RefreshedIdTokenExpectations {
  jwks: JSONWebKeySet
  issuer: string
  clientId: string
  /** The access token the refresh response delivered with it, for `at_hash`. */
  accessToken?: string
  /** When it arrived: `iat` and `exp` are checked as of then. */
  currentDate?: Date
  /** The nonce the sign-in sent. */
  nonce?: string
  original?: OriginalIdTokenClaims
  /** The session's identity URL, which `sub` must name (Salesforce's `sub` is the identity URL). */
  identityUrl: string
}

const sameAudience = (a: JWTPayload["aud"], b: OriginalIdTokenClaims["aud"]) =>
  JSON.stringify([a ?? []].flat().sort()) === JSON.stringify([b ?? []].flat().sort())

/**
 * Verifies an id_token from a refresh response, OIDC Core §12.2: signature, `iss`, `aud` and times
 * as for any id_token (§3.1.3.7) but as of its own arrival; `iss`, `sub` and `aud` the same as the
 * sign-in id_token's; `auth_time`, if present, the original authentication's; `nonce` absent, or
 * the sign-in's. Throws a FlowError naming the failed check.
 */
export async function verifyRefreshedIdToken(
  token: string,
  e: RefreshedIdTokenExpectations,
): Promise<JWTPayload> {
  const payload = await verifyIdToken(token, {
    jwks: e.jwks,
    issuer: e.issuer,
    clientId: e.clientId,
    accessToken: e.accessToken,
    currentDate: e.currentDate,
  })
  const fail = (why: string): never => {
    throw new FlowError("ID_TOKEN_INVALID", `the refreshed id_token failed verification: ${why}`)
  }
  if (payload.nonce !== undefined && payload.nonce !== e.nonce)
    fail('"nonce" is present and not the sign-in\'s')
  if (typeof payload.sub !== "string" || !sameIdentity(payload.sub, e.identityUrl))
    fail('"sub" is not this session\'s user')
  const o = e.original
  if (o) {
    if (payload.iss !== o.iss) fail('"iss" is not the sign-in id_token\'s')
    if (payload.sub !== o.sub) fail('"sub" is not the sign-in id_token\'s')
    if (!sameAudience(payload.aud, o.aud)) fail('"aud" is not the sign-in id_token\'s')
    if (
      payload.auth_time !== undefined &&
      o.authTime !== undefined &&
      payload.auth_time !== o.authTime
    )
      fail('"auth_time" is not the sign-in\'s')
  }
  return payload
}
