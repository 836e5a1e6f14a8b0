import type { SalesforceIntrospection } from "@/lib/salesforce/wire-types"
import { identityUrl, type EmulatorContext } from "../context"
import { OAuthError } from "../errors"
import { json, param, readForm } from "../http"
import { ORG } from "../seed/records"
import { findAccessToken } from "../store/tokens"
import { findRefreshToken } from "../store/refresh-tokens"
import { findUserById } from "../users"
import { authenticateClient } from "./client-auth"
import { countIntrospection } from "./rate-limits"
import { refreshFamilyEndsAt } from "./refresh-policy"

/**
 * `POST /services/oauth2/introspect`
 * (RFC 7662, https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oidc_token_introspection_endpoint.htm&type=5). The caller must
 * authenticate (401 otherwise, RFC 7662 §2.1) and only sees its own tokens (S-82); anything
 * inactive is exactly `{"active":false}` (S-81).
 */
export async function introspectEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  if (req.method !== "POST") {
    return json({ error: "invalid_request", error_description: "must use HTTP POST" }, 405, {
      allow: "POST",
    })
  }
  try {
    const form = await readForm(req)
    let app
    try {
      app = authenticateClient(ctx, req, form, { secretRequired: true })
    } catch (e) {
      if (e instanceof OAuthError && e.status === 400) {
        return json(
          { error: "invalid_client", error_description: "invalid client credentials" },
          401,
          { "www-authenticate": 'Basic realm="introspect"' },
        )
      }
      throw e
    }
    countIntrospection(ctx, app.clientId)
    const token = param(form, "token")
    const now = ctx.now()
    const inactive: SalesforceIntrospection = { active: false }
    if (!token || token.length > 512) return json(inactive)
    const access = findAccessToken(ctx.db, token)
    if (access) {
      const user = findUserById(ctx.db, access.userId)
      if (access.revoked || access.expiresAt <= now || access.clientId !== app.clientId || !user)
        return json(inactive)
      const body: SalesforceIntrospection = {
        active: true,
        scope: access.scopes.join(" "),
        client_id: access.clientId,
        username: user.Username,
        sub: identityUrl(ctx, ORG.Id, user.Id),
        token_type: "access_token",
        exp: Math.floor(access.expiresAt / 1000),
        iat: Math.floor(access.issuedAt / 1000),
        nbf: Math.floor(access.issuedAt / 1000),
      }
      return json(body)
    }
    const refresh = findRefreshToken(ctx.db, token)
    const user = refresh && findUserById(ctx.db, refresh.userId)
    if (
      !refresh ||
      refresh.revoked ||
      refresh.rotated ||
      refresh.clientId !== app.clientId ||
      !user
    )
      return json(inactive)
    // The Refresh Token Policy ends a token the refresh grant would refuse: inactive here too, and
    // `exp` is when the policy ends it (docs/fidelity.md, F-164).
    const endsAt = refreshFamilyEndsAt(ctx, refresh)
    if (endsAt !== undefined && now > endsAt) return json(inactive)
    const nowS = Math.floor(now / 1000)
    // `iat` and `nbf` are when the refresh token was issued (RFC 7662 §2.2), not the time of the
    // question (docs/fidelity.md, F-09).
    const issuedS = Math.floor(refresh.createdAt / 1000)
    return json({
      active: true,
      scope: refresh.scopes.join(" "),
      client_id: refresh.clientId,
      username: user.Username,
      sub: identityUrl(ctx, ORG.Id, user.Id),
      token_type: "refresh_token",
      // "Valid until revoked" (the default) has no end: report a far horizon like Salesforce.
      exp: endsAt === undefined ? nowS + 365 * 86_400 : Math.floor(endsAt / 1000),
      iat: issuedS,
      nbf: issuedS,
    } satisfies SalesforceIntrospection)
  } catch (e) {
    if (e instanceof OAuthError) return json(e.toJSON(), e.status)
    throw e
  }
}
