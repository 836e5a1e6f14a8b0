import { readLimitedBytes } from "@/lib/http/read-limited"
import type { EmulatorContext } from "../context"
import {
  InvalidClient,
  InvalidRequest,
  InvalidToken,
  OAuthError,
  UnsupportedTokenType,
} from "../errors"
import { MAX_FORM_BYTES, param, readClientAuth, readForm } from "../http"
import { safeEqual } from "../secrets"
import { getApp } from "../store/apps"
import { findAccessToken, revokeAccessToken } from "../store/tokens"
import { findRefreshToken, revokeFamily } from "../store/refresh-tokens"
import { formatted, tokenFormat } from "./token-format"

/**
 * Salesforce revokes on possession of the token alone (the "blind" GET carries nothing else). A
 * caller that does send client credentials must send valid ones, and may then revoke only tokens
 * issued to it (RFC 7009 §2.1, docs/security.md, S-73). Returns that client's id, if any.
 */
function authenticatedCaller(
  ctx: EmulatorContext,
  req: Request,
  params: URLSearchParams,
): string | undefined {
  const auth = readClientAuth(req, params)
  if (auth.clientSecret === undefined) return undefined
  const app = auth.clientId ? getApp(ctx.db, auth.clientId) : undefined
  if (!app || !safeEqual(auth.clientSecret, app.clientSecret))
    throw new InvalidClient("invalid client credentials")
  return app.clientId
}

/**
 * A POST's form. One with no body and no content type has no parameters: it names its token in the
 * query string, as `curl -X POST '…/revoke?token=…'` does.
 */
async function postForm(req: Request): Promise<URLSearchParams> {
  if (req.headers.has("content-type")) return readForm(req)
  const bytes = await readLimitedBytes(req, MAX_FORM_BYTES)
  if (!bytes) throw new OAuthError("invalid_request", "request body too large", 413)
  if (bytes.byteLength > 0)
    throw new InvalidRequest("request body must be application/x-www-form-urlencoded")
  return new URLSearchParams()
}

/**
 * `/services/oauth2/revoke` (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-revoking-tokens.html): POST form, or "blind" GET `?token=`
 * (https://developer.salesforce.com/blogs/developer-relations/2011/11/revoking-oauth-2-0-access-tokens-and-refresh-tokens).
 * 200 with an empty body on success; 400 `invalid_token` for an unknown or already revoked token.
 * A refresh token takes its access tokens with it.
 *
 * Salesforce also answers JSONP (`?callback=fn`). The embedded org does not: a script served from
 * the site's own origin would be a gadget for any HTML injection, whatever the page's CSP says
 * about `'self'` (docs/security.md). `callback` is ignored and the answer stays plain.
 */
export async function revokeEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  const url = new URL(req.url)
  let params: URLSearchParams | undefined
  try {
    params = req.method === "POST" ? await postForm(req) : url.searchParams
    const caller = authenticatedCaller(ctx, req, params)
    // Salesforce takes `token=` in a POST body or in the query string
    // (https://developer.salesforce.com/blogs/developer-relations/2011/11/revoking-oauth-2-0-access-tokens-and-refresh-tokens;
    // docs/fidelity.md, F-33); a POST that carries both is read by its body. Client credentials
    // still come only from the body or Basic: a secret never counts in a URL.
    const token = param(params, "token") ?? param(url.searchParams, "token")
    if (!token) throw new UnsupportedTokenType("Token type not supported")
    const now = ctx.now()
    const access = token.length <= 512 ? findAccessToken(ctx.db, token) : undefined
    if (access) {
      if (caller !== undefined && access.clientId !== caller)
        throw new InvalidToken("Token was invalid")
      if (!revokeAccessToken(ctx.db, token, now)) throw new InvalidToken("Token was invalid")
    } else {
      const refresh = token.length <= 512 ? findRefreshToken(ctx.db, token) : undefined
      if (!refresh || refresh.revoked || (caller !== undefined && refresh.clientId !== caller))
        throw new InvalidToken("Token was invalid")
      revokeFamily(ctx.db, refresh.family, now)
    }
    return new Response(null, { status: 200, headers: { "cache-control": "no-store" } })
  } catch (e) {
    if (!(e instanceof OAuthError)) throw e
    // An error comes as `format=` or `Accept` ask; a client that names neither gets it form-encoded,
    // which is what jsforce's OAuth2.revokeToken() parses (docs/fidelity.md, F-110).
    return formatted(e.toJSON(), tokenFormat(req, params, "urlencoded"), e.status)
  }
}
