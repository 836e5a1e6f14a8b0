import { identityUrl, type EmulatorContext } from "../context"
import { sameId } from "../ids"
import { LATEST_API_VERSION } from "../rest/versions"
import { offsetMs } from "./utc-offset"
import { ORG } from "../seed/records"
import type { SeedUser } from "../seed/seed-user"
import { authenticateBearer, presentedToken } from "../bearer-auth"
import { json } from "../http"
import { getAppPolicies } from "../store/app-policies"
import type { TokenRecord } from "../store/tokens"
import { findUserById } from "../users"

const textError = (status: number, code: string, extra: Record<string, string> = {}) =>
  new Response(code, {
    status,
    headers: { "content-type": "text/plain;charset=UTF-8", "cache-control": "no-store", ...extra },
  })

/**
 * Salesforce answers an unusable (bad, expired, revoked) token with HTTP 403 and the plain text
 * `Bad_OAuth_Token`, not 401 (https://github.com/forcedotcom/SalesforceMobileSDK-Android/pull/2430,
 * https://github.com/jsforce/jsforce/pull/736; docs/fidelity.md, F-01). We add RFC 6750's
 * challenge, which names `invalid_token` only when a token was sent (RFC 6750 §3.1, docs/security.md, S-85).
 */
const badToken = (req: Request, url: URL) =>
  textError(403, "Bad_OAuth_Token", {
    "www-authenticate":
      presentedToken(req, url) === undefined ? "Bearer" : 'Bearer error="invalid_token"',
  })

/** `version=NN.N|latest` fills `{version}` in the URLs; otherwise it stays literal (§7.4). */
function versioned(url: URL): (s: string) => string {
  const v = url.searchParams.get("version")
  const version = v === "latest" ? LATEST_API_VERSION : v && /^\d{2}\.\d$/.test(v) ? v : undefined
  return (s) => (version ? s.replaceAll("{version}", version) : s)
}

/**
 * The identity URL's and userinfo's `urls`: Salesforce's full set of keys, with `{version}` left
 * literal unless `version=` fills it (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-using-identity-urls.html;
 * docs/fidelity.md, F-07). Most point at APIs this org does not serve (SOAP, Tooling, Chatter):
 * they are there because clients read them, as on a real org.
 */
function urls(ctx: EmulatorContext, user: SeedUser, v: (s: string) => string) {
  const b = ctx.baseUrl
  const data = `${b}/services/data/v{version}`
  return {
    enterprise: v(`${b}/services/Soap/c/{version}/${ORG.Id}`),
    metadata: v(`${b}/services/Soap/m/{version}/${ORG.Id}`),
    partner: v(`${b}/services/Soap/u/{version}/${ORG.Id}`),
    rest: v(`${data}/`),
    sobjects: v(`${data}/sobjects/`),
    search: v(`${data}/search/`),
    query: v(`${data}/query/`),
    recent: v(`${data}/recent/`),
    tooling_soap: v(`${b}/services/Soap/T/{version}/${ORG.Id}`),
    tooling_rest: v(`${data}/tooling/`),
    profile: `${b}/${user.Id}`,
    feeds: v(`${data}/chatter/feeds`),
    groups: v(`${data}/chatter/groups`),
    users: v(`${data}/chatter/users`),
    feed_items: v(`${data}/chatter/feed-items`),
    feed_elements: v(`${data}/chatter/feed-elements`),
    custom_domain: b,
  }
}

/**
 * The fields that depend on the token's app and the clock. `is_app_installed` is "present only
 * when the app is installed and the token came from an OAuth flow": for an uninstalled app it is
 * absent, not false (https://developer.salesforce.com/docs/platform/mobile-sdk/guide/oauth-using-identity-urls.html;
 * the built-in PlatformCLI app is uninstalled by default, docs/fidelity.md, F-172). Every token
 * here comes from an OAuth flow.
 */
function appAndClock(ctx: EmulatorContext, token: TokenRecord, user: SeedUser) {
  return {
    utcOffset: offsetMs(user.TimeZoneSidKey, ctx.now()),
    installed: getAppPolicies(ctx.db, token.clientId).installed ? { is_app_installed: true } : {},
  }
}

/** `GET /id/{orgId}/{userId}` (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_using_openid.htm), Bearer header or `oauth_token`. */
export async function identityEndpoint(
  ctx: EmulatorContext,
  req: Request,
  orgId: string,
  userId: string,
): Promise<Response> {
  const url = new URL(req.url)
  const token = authenticateBearer(ctx, req, { allowQuery: true })
  if (!token) return badToken(req, url)
  if (!/^[a-zA-Z0-9]{15,18}$/.test(orgId) || !sameId(orgId, ORG.Id))
    return textError(403, "Wrong_Org")
  const user = findUserById(ctx.db, userId)
  if (!user) return textError(404, "Bad_Id")
  // Another user's identity needs `api` or `full` (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_using_openid.htm).
  if (user.Id !== token.userId && !token.scopes.some((s) => s === "api" || s === "full"))
    return textError(403, "No_Access")
  const v = versioned(url)
  const { utcOffset, installed } = appAndClock(ctx, token, user)
  return json({
    id: identityUrl(ctx, ORG.Id, user.Id),
    asserted_user: user.Id === token.userId,
    user_id: user.Id,
    organization_id: ORG.Id,
    username: user.Username,
    nick_name: user.Username.split("@")[0],
    display_name: user.Name,
    email: user.Email,
    email_verified: true,
    first_name: user.FirstName,
    last_name: user.LastName,
    timezone: user.TimeZoneSidKey,
    photos: {
      picture: `${ctx.baseUrl}/profilephoto/005/F`,
      thumbnail: `${ctx.baseUrl}/profilephoto/005/T`,
    },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: "US",
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(ctx, user, v),
    active: user.IsActive,
    user_type: user.UserType.toUpperCase(),
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset,
    last_modified_date: "2026-01-01T00:00:00.000+0000",
    ...installed,
  })
}

/** `GET /services/oauth2/userinfo` (OIDC Core §5.3; https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_using_userinfo_endpoint.htm). */
export async function userinfoEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  const url = new URL(req.url)
  const token = authenticateBearer(ctx, req, { allowQuery: true })
  if (!token) return badToken(req, url)
  const user = findUserById(ctx.db, token.userId)
  if (!user) return badToken(req, url)
  const v = versioned(url)
  const { utcOffset, installed } = appAndClock(ctx, token, user)
  return json({
    sub: identityUrl(ctx, ORG.Id, user.Id),
    user_id: user.Id,
    organization_id: ORG.Id,
    preferred_username: user.Username,
    nickname: user.Username.split("@")[0],
    name: user.Name,
    email: user.Email,
    email_verified: true,
    given_name: user.FirstName,
    family_name: user.LastName,
    zoneinfo: user.TimeZoneSidKey,
    photos: {
      picture: `${ctx.baseUrl}/profilephoto/005/F`,
      thumbnail: `${ctx.baseUrl}/profilephoto/005/T`,
    },
    profile: `${ctx.baseUrl}/${user.Id}`,
    picture: `${ctx.baseUrl}/profilephoto/005/F`,
    address: { country: "US" },
    is_salesforce_integration_user: false,
    urls: urls(ctx, user, v),
    active: user.IsActive,
    user_type: user.UserType.toUpperCase(),
    language: user.LanguageLocaleKey,
    locale: user.LocaleSidKey,
    utcOffset,
    updated_at: "2026-01-01T00:00:00Z",
    ...installed,
  })
}
