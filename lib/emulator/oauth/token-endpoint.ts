import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { OAuthError, UnsupportedGrantType } from "../errors"
import { json, oauthErrorResponse, param, readForm } from "../http"
import { authorizationCodeGrant } from "./grant-authorization-code"
import { jwtBearerGrant } from "./grant-jwt-bearer"
import { refreshTokenGrant } from "./grant-refresh-token"

type Grant = (ctx: EmulatorContext, req: Request, form: URLSearchParams) => Promise<SalesforceTokenResponse>

const GRANTS: Readonly<Record<string, Grant>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  "urn:ietf:params:oauth:grant-type:jwt-bearer": jwtBearerGrant,
}

/**
 * `POST /services/oauth2/token`. `format=urlencoded` answers form-encoded, anything else JSON
 * ("The format parameter takes precedence over the request's header", https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5).
 */
export async function tokenEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  if (req.method !== "POST") {
    return json({ error: "invalid_request", error_description: "must use HTTP POST" }, 405, { allow: "POST" })
  }
  let form: URLSearchParams | undefined
  try {
    form = await readForm(req)
    const grantType = param(form, "grant_type")
    const grant = grantType !== undefined && Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
    if (!grant) throw new UnsupportedGrantType("grant type not supported")
    const body = await grant(ctx, req, form)
    if (form.get("format") === "urlencoded") {
      return new Response(new URLSearchParams(body as unknown as Record<string, string>).toString(), {
        headers: { "content-type": "application/x-www-form-urlencoded", "cache-control": "no-store", pragma: "no-cache" },
      })
    }
    return json(body)
  } catch (e) {
    if (e instanceof OAuthError) return oauthErrorResponse(e)
    throw e
  }
}
