import { authenticateBearer } from "../bearer-auth"
import { safeStartUrl } from "../browser-session"
import type { EmulatorContext } from "../context"
import { bearerToken, json, readForm } from "../http"
import { mintOtp } from "../store/frontdoor-otps"
import { findUserById } from "../users"

/** Only a token that may open the UI (`web` or `full`) opens a frontdoor (docs/fidelity.md, F-102). */
export const opensUi = (scopes: readonly string[]) =>
  scopes.includes("web") || scopes.includes("full")

/**
 * `/services/oauth2/singleaccess`, the Single Access UI Bridge API: an access token in the
 * `Authorization` header buys a one-time frontdoor URL, `{"frontdoor_uri": …}`, that opens a new
 * browser session for the token's user, then goes to `redirect_uri` (a path in the org)
 * (https://help.salesforce.com/s/articleView?id=xcloud.frontdoor_singleaccess.htm&type=5).
 * Salesforce documents POST; @salesforce/core 8 (`Org.getFrontDoorUrl()`) sends GET, so both are
 * answered. An unusable token gets 403, which sf core expects (it refreshes first for that
 * reason) (docs/fidelity.md, F-101–F-103; docs/security.md, S-200, S-201).
 */
export async function singleAccessEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  const params =
    req.method === "POST" && req.headers.get("content-type")?.includes("form")
      ? await readForm(req)
      : new URL(req.url).searchParams
  const token = authenticateBearer(ctx, req, { allowQuery: false })
  const user = token && findUserById(ctx.db, token.userId)
  if (!token || !user?.IsActive)
    return new Response("Bad_OAuth_Token", {
      status: 403,
      headers: {
        "content-type": "text/plain;charset=UTF-8",
        "cache-control": "no-store",
        "www-authenticate": bearerToken(req) ? 'Bearer error="invalid_token"' : "Bearer",
      },
    })
  if (!opensUi(token.scopes))
    return json(
      { error: "insufficient_scope", error_description: "the access token needs the web scope" },
      403,
    )
  const asked = params.get("redirect_uri")
  const startUrl = safeStartUrl(ctx, asked)
  if (asked && startUrl !== asked)
    return json(
      { error: "invalid_request", error_description: "redirect_uri must be a path in this org" },
      400,
    )
  const otp = mintOtp(ctx.db, user.Id, startUrl, ctx.now())
  const uri = new URL(`${ctx.baseUrl}/secur/frontdoor.jsp`)
  uri.searchParams.set("otp", otp)
  if (asked) uri.searchParams.set("startURL", startUrl)
  return json({ frontdoor_uri: uri.toString() })
}
