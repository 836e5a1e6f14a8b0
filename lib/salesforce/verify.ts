import crypto from "node:crypto"
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet, type JWTPayload } from "jose"
import { FlowError } from "./errors"

/**
 * Checks the token response's `signature`: Base64(HMAC-SHA256(client secret, id + issued_at))
 * (https://developer.salesforce.com/docs/atlas.en-us.194.0.api_rest.meta/api_rest/intro_understanding_username_password_oauth_flow.htm).
 * It proves the identity URL and issue time came from the org; it says nothing about the access
 * token itself.
 */
export function verifyResponseSignature(
  id: string,
  issuedAt: string,
  signature: string,
  clientSecret: string,
): boolean {
  const expected = crypto
    .createHmac("sha256", clientSecret)
    .update(id + issuedAt)
    .digest()
  const given = Buffer.from(signature, "base64")
  return given.length === expected.length && crypto.timingSafeEqual(given, expected)
}

export interface IdTokenExpectations {
  jwks: JSONWebKeySet
  issuer: string
  clientId: string
  /** The nonce the site sent; required when it sent one (OIDC Core §3.1.3.7 step 11). */
  nonce?: string
  /** The access token delivered with it, to check `at_hash` (OIDC Core §3.2.2.9). */
  accessToken?: string
  /**
   * `at_hash` must be present: an `id_token` delivered with an access token through the browser
   * (`token id_token`, OIDC Core §3.2.2.10) is what binds that token to this login (RFC 9700 §4.6).
   */
  requireAtHash?: boolean
  clockToleranceS?: number
  /** Check the time claims as of this moment instead of now (re-verifying later). */
  currentDate?: Date
}

/** An id_token older than this is refused even if its `exp` says otherwise (OIDC Core §3.1.3.7 step 10). */
const MAX_ID_TOKEN_AGE = "1h"

/**
 * Verifies an `id_token`: RS256 only, signature by `kid` from the org's JWKS, `iss`, `aud` (this
 * client and nobody else), `azp`, `exp`, `iat`, `nonce` and `at_hash` (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5,
 * OIDC Core §3.1.3.7). Throws a FlowError naming the failed check.
 */
export async function verifyIdToken(idToken: string, e: IdTokenExpectations): Promise<JWTPayload> {
  let payload: JWTPayload
  try {
    ;({ payload } = await jwtVerify(idToken, createLocalJWKSet(e.jwks), {
      algorithms: ["RS256"],
      issuer: [e.issuer, `${e.issuer}/`],
      audience: e.clientId,
      clockTolerance: e.clockToleranceS ?? 120,
      requiredClaims: ["exp", "iat", "sub"],
      maxTokenAge: MAX_ID_TOKEN_AGE,
      currentDate: e.currentDate,
    }))
  } catch (err) {
    const reason = err instanceof Error ? err.message : "invalid"
    throw new FlowError("ID_TOKEN_INVALID", `the id_token failed verification: ${reason}`, {
      cause: err,
    })
  }
  // OIDC Core §3.1.3.7 steps 3-5: no audience the client does not trust, and azp, when present, is this client.
  if (Array.isArray(payload.aud) && payload.aud.some((a) => a !== e.clientId))
    throw new FlowError(
      "ID_TOKEN_INVALID",
      'the id_token failed verification: "aud" lists another audience besides this client',
    )
  if (payload.azp !== undefined && payload.azp !== e.clientId)
    throw new FlowError(
      "ID_TOKEN_INVALID",
      'the id_token failed verification: unexpected "azp" claim value',
    )
  if (e.nonce !== undefined && payload.nonce !== e.nonce)
    throw new FlowError(
      "ID_TOKEN_INVALID",
      'the id_token failed verification: unexpected "nonce" claim value',
    )
  if (e.requireAtHash && typeof payload.at_hash !== "string")
    throw new FlowError(
      "ID_TOKEN_INVALID",
      'the id_token failed verification: missing required "at_hash" claim',
    )
  if (e.accessToken && typeof payload.at_hash === "string") {
    const hash = crypto
      .createHash("sha256")
      .update(e.accessToken)
      .digest()
      .subarray(0, 16)
      .toString("base64url")
    if (hash !== payload.at_hash)
      throw new FlowError(
        "ID_TOKEN_INVALID",
        'the id_token failed verification: "at_hash" does not match the access token',
      )
  }
  return payload
}
