import type { EmulatorContext } from "../context"
import { InvalidClient, InvalidClientId } from "../errors"
import { readClientAuth } from "../http"
import { safeEqual } from "../secrets"
import { getApp, type ConnectedApp } from "../store/apps"

/**
 * Authenticates the client of a token, introspect or refresh request. Unknown consumer key and
 * wrong secret get Salesforce's two distinct errors, `invalid_client_id` and `invalid_client`
 * (https://github.com/forcedotcom/SalesforceMobileSDK-Android/blob/master/libs/SalesforceSDK/src/com/salesforce/androidsdk/auth/OAuthErrorCode.kt),
 * both HTTP 400 (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_flow_errors.htm).
 */
export function authenticateClient(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
  opts: { secretRequired: boolean },
): ConnectedApp {
  const auth = readClientAuth(req, form)
  const app = auth.clientId ? getApp(ctx.db, auth.clientId) : undefined
  if (!app) throw new InvalidClientId("client identifier invalid")
  if (auth.clientSecret !== undefined) {
    if (!safeEqual(auth.clientSecret, app.clientSecret)) throw new InvalidClient("invalid client credentials")
  } else if (opts.secretRequired) {
    throw new InvalidClient("invalid client credentials")
  }
  return app
}
