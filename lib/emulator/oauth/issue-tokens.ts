import crypto from "node:crypto"
import { SignJWT } from "jose"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import { identityUrl, type EmulatorContext } from "../context"
import { to15 } from "../ids"
import { ORG } from "../seed/records"
import type { SeedUser } from "../seed/seed-user"
import type { ConnectedApp } from "../store/apps"
import { getSettings } from "../store/settings"
import { mintAccessToken } from "../store/tokens"
import { mintRefreshToken } from "../store/refresh-tokens"

export interface IssueRequest {
  app: ConnectedApp
  user: SeedUser
  scopes: readonly string[]
  nonce?: string
  authTime?: number
  /**
   * Issue a refresh token (only honoured when `refresh_token`/`offline_access` was granted).
   * `scopes`: the grant's, when the access token's were narrowed (a rotated refresh token keeps
   * its predecessor's scope, RFC 6749 §6: "MUST be identical").
   */
  refresh?: { family?: string; scopes?: readonly string[] } | false
  codeHash?: string
  /** JWT Bearer responses carry neither `signature` nor `issued_at` (third-party capture, https://github.com/oschweitzer/salesforce-jwt-bearer-token-flow). */
  signed: boolean
  /** An access token minted to go with an existing refresh token family (refresh grant). */
  family?: string
  /** Add an `id_token` when `openid` is granted (not for JWT Bearer, which has no nonce or login). */
  idToken: boolean
}

export const grantsRefresh = (scopes: readonly string[]) =>
  scopes.includes("refresh_token") || scopes.includes("offline_access")

/**
 * `signature` = Base64(HMAC-SHA256(client secret, id + issued_at)) (https://developer.salesforce.com/docs/atlas.en-us.194.0.api_rest.meta/api_rest/intro_understanding_username_password_oauth_flow.htm):
 * it proves the identity URL came from the org, not that the token did.
 */
export function responseSignature(clientSecret: string, id: string, issuedAt: string): string {
  return crypto
    .createHmac("sha256", clientSecret)
    .update(id + issuedAt)
    .digest("base64")
}

/** OIDC Core §3.1.3.6: left half of SHA-256 of the access token, base64url. */
const atHash = (token: string) =>
  crypto.createHash("sha256").update(token).digest().subarray(0, 16).toString("base64url")

async function idToken(
  ctx: EmulatorContext,
  r: IssueRequest,
  sub: string,
  accessToken: string,
  nowMs: number,
): Promise<string> {
  const u = r.user
  const claims: Record<string, unknown> = { at_hash: atHash(accessToken) }
  if (r.scopes.includes("profile")) {
    Object.assign(claims, {
      name: u.Name,
      preferred_username: u.Username,
      given_name: u.FirstName,
      family_name: u.LastName,
      zoneinfo: u.TimeZoneSidKey,
      locale: u.LocaleSidKey,
    })
  }
  if (r.scopes.includes("email")) Object.assign(claims, { email: u.Email, email_verified: true })
  if (r.nonce) claims.nonce = r.nonce
  if (r.authTime) claims.auth_time = Math.floor(r.authTime / 1000)
  const iat = Math.floor(nowMs / 1000)
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: ctx.signingKey.kid, typ: "JWT" })
    .setIssuer(ctx.baseUrl)
    .setSubject(sub)
    .setAudience(r.app.clientId)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .sign(ctx.signingKey.privateKey)
}

/** Mints tokens and builds the response body exactly as Salesforce shapes it. */
export async function issueTokens(
  ctx: EmulatorContext,
  r: IssueRequest,
): Promise<SalesforceTokenResponse> {
  const now = ctx.now()
  const settings = getSettings(ctx.db)
  const id = identityUrl(ctx, ORG.Id, r.user.Id)
  let refresh: { token: string; family: string } | undefined
  const refreshScopes = (r.refresh && r.refresh.scopes) || r.scopes
  if (r.refresh && grantsRefresh(refreshScopes)) {
    refresh = mintRefreshToken(
      ctx.db,
      {
        clientId: r.app.clientId,
        userId: r.user.Id,
        scopes: refreshScopes,
        family: r.refresh.family,
      },
      now,
      ctx.tokenMark,
    )
  }
  const access = mintAccessToken(
    ctx.db,
    to15(ORG.Id),
    {
      clientId: r.app.clientId,
      userId: r.user.Id,
      scopes: r.scopes,
      refreshFamily: refresh?.family ?? r.family,
      codeHash: r.codeHash,
    },
    now,
    settings.accessTokenMinutes * 60_000,
    ctx.tokenMark,
  )
  const body: SalesforceTokenResponse = {
    access_token: access.token,
    scope: r.scopes.join(" "),
    instance_url: ctx.baseUrl,
    id,
    token_type: "Bearer",
  }
  if (refresh) body.refresh_token = refresh.token
  if (r.signed) {
    body.issued_at = String(now)
    body.signature = responseSignature(r.app.clientSecret, id, body.issued_at)
  }
  if (r.idToken && r.scopes.includes("openid"))
    body.id_token = await idToken(ctx, r, id, access.token, now)
  // Salesforce orders the fields this way in its samples; clients must not care, but people read it.
  return {
    access_token: body.access_token,
    ...(body.refresh_token ? { refresh_token: body.refresh_token } : {}),
    ...(body.signature ? { signature: body.signature } : {}),
    scope: body.scope,
    ...(body.id_token ? { id_token: body.id_token } : {}),
    instance_url: body.instance_url,
    id: body.id,
    token_type: body.token_type,
    ...(body.issued_at ? { issued_at: body.issued_at } : {}),
  }
}
