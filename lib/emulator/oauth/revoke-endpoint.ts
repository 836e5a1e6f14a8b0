import type { EmulatorContext } from "../context"
import { InvalidToken, OAuthError, UnsupportedTokenType } from "../errors"
import { json, param, readForm } from "../http"
import { findAccessToken, findRefreshToken, revokeAccessToken, revokeFamily } from "../store/tokens"

/** JSONP callback names are identifiers only: anything else would be script injection. */
const CALLBACK = /^[A-Za-z_$][\w$.]{0,63}$/

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
    const token = param(params, "token")
    if (!token) throw new UnsupportedTokenType("Token type not supported")
    const now = ctx.now()
    const access = token.length <= 512 ? findAccessToken(ctx.db, token) : undefined
    if (access) {
      if (!revokeAccessToken(ctx.db, token, now)) throw new InvalidToken("Token was invalid")
    } else {
      const refresh = token.length <= 512 ? findRefreshToken(ctx.db, token) : undefined
      if (!refresh || refresh.revoked) throw new InvalidToken("Token was invalid")
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
