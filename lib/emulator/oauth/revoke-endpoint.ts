import type { EmulatorContext } from "../context"
import { InvalidClient, InvalidToken, OAuthError, UnsupportedTokenType } from "../errors"
import { json, param, readClientAuth, readForm } from "../http"
import { safeEqual } from "../secrets"
import { getApp } from "../store/apps"
import { findAccessToken, findRefreshToken, revokeAccessToken, revokeFamily } from "../store/tokens"

/** JSONP callback names are identifiers only: anything else would be script injection. */
const CALLBACK = /^[A-Za-z_$][\w$.]{0,63}$/

/**
 * Salesforce revokes on possession of the token alone (the "blind" GET carries nothing else). A
 * caller that does send client credentials must send valid ones, and may then revoke only tokens
 * issued to it (RFC 7009 §2.1, security-tests.md S-73). Returns that client's id, if any.
 */
function authenticatedCaller(ctx: EmulatorContext, req: Request, params: URLSearchParams): string | undefined {
  const auth = readClientAuth(req, params)
  if (auth.clientSecret === undefined) return undefined
  const app = auth.clientId ? getApp(ctx.db, auth.clientId) : undefined
  if (!app || !safeEqual(auth.clientSecret, app.clientSecret)) throw new InvalidClient("invalid client credentials")
  return app.clientId
}

/**
 * `/services/oauth2/revoke` (salesforce-oauth.md §7.1): POST form, or "blind" GET `?token=`.
 * 200 with an empty body on success; 400 `invalid_token` for an unknown or already revoked token.
 * A refresh token takes its access tokens with it.
 */
export async function revokeEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  const url = new URL(req.url)
  let callback: string | undefined
  try {
    const params = req.method === "POST" ? await readForm(req) : url.searchParams
    callback = param(url.searchParams, "callback")
    if (callback && !CALLBACK.test(callback)) callback = undefined
    const caller = authenticatedCaller(ctx, req, params)
    const token = param(params, "token")
    if (!token) throw new UnsupportedTokenType("Token type not supported")
    const now = ctx.now()
    const access = token.length <= 512 ? findAccessToken(ctx.db, token) : undefined
    if (access) {
      if (caller !== undefined && access.clientId !== caller) throw new InvalidToken("Token was invalid")
      if (!revokeAccessToken(ctx.db, token, now)) throw new InvalidToken("Token was invalid")
    } else {
      const refresh = token.length <= 512 ? findRefreshToken(ctx.db, token) : undefined
      if (!refresh || refresh.revoked || (caller !== undefined && refresh.clientId !== caller)) throw new InvalidToken("Token was invalid")
      revokeFamily(ctx.db, refresh.family, now)
    }
    return callback ? jsonp(callback, {}) : new Response(null, { status: 200, headers: { "cache-control": "no-store" } })
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e
    return callback ? jsonp(callback, { error: e.error }) : json(e.toJSON(), e.status)
  }
}

function jsonp(callback: string, body: object): Response {
  return new Response(`${callback}(${JSON.stringify(body)})`, {
    headers: { "content-type": "application/javascript", "cache-control": "no-store", "x-content-type-options": "nosniff" },
  })
}
