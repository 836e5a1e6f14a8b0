import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { inactiveUser, InvalidGrant, InvalidRequest, InvalidScope } from "../errors"
import { param } from "../http"
import { findUserById } from "../users"
import { findRefreshToken, retireRefreshToken, revokeFamily } from "../store/refresh-tokens"
import { getAppSecretSettings } from "../store/app-settings"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { authenticateTokenClient } from "./client-auth"
import { issueTokens } from "./issue-tokens"
import { refreshFamilyExpired } from "./refresh-policy"
import { countLogin } from "./rate-limits"
import { checkGrantPolicies } from "./org-policies"

const EXPIRED = "expired access/refresh token"

/**
 * `grant_type=refresh_token`
 * (https://developer.salesforce.com/docs/atlas.en-us.218.0.api_rest.meta/api_rest/intro_understanding_refresh_token_oauth.htm).
 * Without rotation the response has no `refresh_token`; with rotation a new one replaces the old
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_hybrid_app_refresh_token_flow_ca.htm),
 * and presenting a retired one revokes the whole family (RFC 9700 §4.14.2, docs/security.md, S-45).
 */
export async function refreshTokenGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  const { app } = await authenticateTokenClient(ctx, req, form, {
    secretRequired: (a) => getAppSecretSettings(ctx.db, a.clientId).requireSecretForRefreshToken,
  })
  const presented = param(form, "refresh_token")
  if (!presented) throw new InvalidRequest("refresh_token must be provided")
  const rt = presented.length <= 512 ? findRefreshToken(ctx.db, presented) : undefined
  const now = ctx.now()
  if (!rt || rt.revoked || rt.clientId !== app.clientId) throw new InvalidGrant(EXPIRED)
  if (rt.rotated) {
    revokeFamily(ctx.db, rt.family, now)
    throw new InvalidGrant(EXPIRED)
  }

  if (refreshFamilyExpired(ctx, rt)) {
    revokeFamily(ctx.db, rt.family, now)
    throw new InvalidGrant(EXPIRED)
  }

  let scopes = rt.scopes
  const asked = param(form, "scope")
  if (asked) {
    const wanted = asked.split(" ").filter(Boolean)
    if (wanted.some((s) => !rt.scopes.includes(s)))
      throw new InvalidScope("the requested scope is not allowed")
    scopes = wanted
  }
  const user = findUserById(ctx.db, rt.userId)
  if (!user?.IsActive) throw inactiveUser()
  checkGrantPolicies(ctx, req, app.clientId, user, "refresh")
  countLogin(ctx, user.Id)

  // The app's own setting: the Salesforce CLI's refresh tokens are never rotated (F-100).
  const rotate = appOAuthPolicy(ctx.db, app.clientId).refreshTokenRotation
  if (rotate && !retireRefreshToken(ctx.db, rt.hash, now)) {
    // Another request rotated this token a moment ago: a replay, handled as one.
    revokeFamily(ctx.db, rt.family, now)
    throw new InvalidGrant(EXPIRED)
  }
  return issueTokens(ctx, {
    app,
    user,
    scopes,
    refresh: rotate ? { family: rt.family, scopes: rt.scopes } : false,
    family: rt.family,
    signed: true,
    idToken: true,
  })
}
