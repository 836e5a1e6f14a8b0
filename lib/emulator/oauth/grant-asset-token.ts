import crypto from "node:crypto"
import { SignJWT } from "jose"
import type { EmulatorContext } from "../context"
import { inactiveUser, InvalidRequest, UnauthorizedClient } from "../errors"
import { param } from "../http"
import { getAssetTokenSettings } from "../store/asset-token-settings"
import { activeAccessToken } from "../store/tokens"
import { findUserById } from "../users"
import { readActorToken } from "./actor-token"

export const TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange"
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
export const JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"

/** The asset token response: RFC 8693 §2.2.1's fields, as Salesforce's Postman collection shows them. */
export interface AssetTokenResponse {
  access_token: string
  issued_token_type: typeof JWT_TOKEN_TYPE
  token_type: "Bearer"
  expires_in: number
}

/** A token-exchange request is the asset token flow when it carries an actor token. */
export const isAssetTokenRequest = (form: URLSearchParams): boolean => form.has("actor_token")

/**
 * The OAuth 2.0 asset token flow
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_asset_token_flow_ca.htm):
 * a Salesforce access token (`subject_token`) and an actor token describing the device are
 * exchanged for a short-lived JWT, the asset token, signed by the org. The request is Salesforce's
 * own (https://github.com/forcedotcom/postman-salesforce-apis, `auth/asset_token_flow.json`): no
 * client authentication, the access token names the app. Every refusal is RFC 8693 §2.2.2's
 * `invalid_request` (https://www.rfc-editor.org/rfc/rfc8693#section-2.2.2), except a disabled
 * app (`unauthorized_client`, RFC 6749 §5.2); the descriptions are the lab's (docs/fidelity.md, F-251).
 */
export async function assetTokenGrant(
  ctx: EmulatorContext,
  _req: Request,
  form: URLSearchParams,
): Promise<AssetTokenResponse> {
  const subject = param(form, "subject_token")
  if (param(form, "subject_token_type") !== ACCESS_TOKEN_TYPE)
    throw new InvalidRequest("unsupported subject_token_type")
  if (param(form, "actor_token_type") !== JWT_TOKEN_TYPE)
    throw new InvalidRequest("unsupported actor_token_type")
  const now = ctx.now()
  const record =
    subject && subject.length <= 512 ? activeAccessToken(ctx.db, subject, now) : undefined
  if (!record) throw new InvalidRequest("invalid subject token")
  // A client that names itself must be the app the access token was issued to (docs/security.md, S-291).
  const clientId = param(form, "client_id")
  if (clientId !== undefined && clientId !== record.clientId)
    throw new InvalidRequest("subject token was issued to another client")
  const settings = getAssetTokenSettings(
    ctx.db,
    record.clientId,
    record.clientId === ctx.app.clientId,
  )
  if (!settings.enabled || !settings.audiences.length)
    throw new UnauthorizedClient("asset tokens are not enabled for this app")
  const user = findUserById(ctx.db, record.userId)
  if (!user?.IsActive) throw inactiveUser()
  const iat = Math.floor(now / 1000)
  const actor = await readActorToken(param(form, "actor_token") ?? "", {
    requireSigned: settings.requireSignedActor,
    nowSec: iat,
  })
  const claims: Record<string, unknown> = {}
  if (actor.did) claims.did = actor.did
  if (actor.Name) claims.Name = actor.Name
  if (actor.Asset) claims.Asset = actor.Asset
  if (actor.cnf) claims.cnf = actor.cnf
  const expiresIn = settings.minutes * 60
  // RS256 with the org's key, the one /id/keys publishes (docs/security.md, S-290; Salesforce signs
  // with the app's "Asset Signing Certificate", docs/fidelity.md, F-252).
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: "RS256", kid: ctx.signingKey.kid, typ: "JWT" })
    .setIssuer(ctx.baseUrl)
    .setSubject(user.Id)
    .setAudience(settings.audiences)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + expiresIn)
    .setJti(crypto.randomUUID())
    .sign(ctx.signingKey.privateKey)
  return {
    access_token: jwt,
    issued_token_type: JWT_TOKEN_TYPE,
    token_type: "Bearer",
    expires_in: expiresIn,
  }
}
