import crypto from "node:crypto"
import { SignJWT } from "jose"
import { LAB_IDP_API_AUDIENCE } from "../config/external-idp"
import type { IdpKeys } from "./keys"
import type { IdpUser } from "./users"

/** How long the provider's tokens live: short, as an identity provider's usually are. */
export const IDP_TOKEN_SECONDS = 300

export interface MintRequest {
  issuer: string
  clientId: string
  user: IdpUser
  scope: string
  nonce?: string
  nowS: number
}

/** OIDC Core §3.1.3.6: the left half of SHA-256 of the access token, base64url. */
const atHash = (token: string) =>
  crypto.createHash("sha256").update(token).digest().subarray(0, 16).toString("base64url")

/**
 * An RS256 JWT access token in the RFC 9068 profile (`typ: at+jwt`; iss, sub, aud, exp, iat, jti,
 * client_id, scope) and an OpenID Connect id_token (aud = the client, nonce, at_hash), both signed
 * with the provider's one key, whose `kid` its JWKS serves.
 */
export async function mintIdpTokens(
  keys: IdpKeys,
  r: MintRequest,
): Promise<{ access_token: string; id_token: string }> {
  const exp = r.nowS + IDP_TOKEN_SECONDS
  const access_token = await new SignJWT({
    client_id: r.clientId,
    scope: r.scope,
    email: r.user.email,
    preferred_username: r.user.username,
  })
    .setProtectedHeader({ alg: "RS256", kid: keys.kid, typ: "at+jwt" })
    .setIssuer(r.issuer)
    .setSubject(r.user.sub)
    .setAudience(LAB_IDP_API_AUDIENCE)
    .setIssuedAt(r.nowS)
    .setExpirationTime(exp)
    .setJti(crypto.randomUUID())
    .sign(keys.privateKey)
  const claims: Record<string, unknown> = {
    at_hash: atHash(access_token),
    email: r.user.email,
    email_verified: true,
    name: r.user.name,
    given_name: r.user.givenName,
    family_name: r.user.familyName,
    preferred_username: r.user.username,
    auth_time: r.nowS,
  }
  if (r.nonce) claims.nonce = r.nonce
  const id_token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: keys.kid, typ: "JWT" })
    .setIssuer(r.issuer)
    .setSubject(r.user.sub)
    .setAudience(r.clientId)
    .setIssuedAt(r.nowS)
    .setExpirationTime(exp)
    .sign(keys.privateKey)
  return { access_token, id_token }
}
