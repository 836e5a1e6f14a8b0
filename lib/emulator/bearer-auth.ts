import type { EmulatorContext } from "./context"
import { bearerToken } from "./http"
import { activeAccessToken, type TokenRecord } from "./store/tokens"

// Bearer authentication for every resource the emulator serves (identity, userinfo, REST): its own
// file so that lib/emulator/oauth and lib/emulator/rest both import it rather than each other.

/**
 * The access token of an identity or userinfo call: the `Authorization` header, or Salesforce's
 * `oauth_token` parameter (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_using_userinfo_endpoint.htm,
 * https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-using-identity-urls.html). RFC 6750's
 * `access_token` query parameter is not Salesforce's and is ignored (docs/security.md, S-86).
 */
export function presentedToken(req: Request, url: URL): string | undefined {
  return bearerToken(req) ?? url.searchParams.get("oauth_token") ?? undefined
}

/** The active access token of a call; the REST API takes the header only (`allowQuery: false`). */
export function authenticateBearer(
  ctx: EmulatorContext,
  req: Request,
  opts: { allowQuery: boolean },
): TokenRecord | undefined {
  const token = opts.allowQuery ? presentedToken(req, new URL(req.url)) : bearerToken(req)
  return token && token.length <= 512 ? activeAccessToken(ctx.db, token, ctx.now()) : undefined
}
