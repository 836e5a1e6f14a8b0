import type { EmulatorContext } from "../context"
import { InvalidClient, InvalidClientId, InvalidRequest } from "../errors"
import { readClientAuth } from "../http"
import { safeEqual } from "../secrets"
import { getApp, type ConnectedApp } from "../store/apps"
import { authenticateWithAssertion, hasClientAssertion } from "./client-assertion"

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
  opts: { secretRequired: boolean | ((app: ConnectedApp) => boolean) },
): ConnectedApp {
  return authenticateClientAs(ctx, req, form, opts).app
}

/**
 * The same, saying whether the client proved itself with its secret. A secret that is sent is
 * checked even where none is required: "If a client_secret isn't required, and the connected app
 * sends it …, Salesforce attempts to validate it anyway"
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5; docs/fidelity.md, F-12).
 */
export function authenticateClientAs(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
  opts: { secretRequired: boolean | ((app: ConnectedApp) => boolean) },
): { app: ConnectedApp; withSecret: boolean } {
  const auth = readClientAuth(req, form)
  const app = auth.clientId ? getApp(ctx.db, auth.clientId) : undefined
  if (!app) throw new InvalidClientId("client identifier invalid")
  // An empty secret (Basic "PlatformCLI:", as a body `client_secret=` already was) is no secret: a
  // public client has none to prove, and "" must never match its empty stored one (F-100, F-11).
  if (auth.clientSecret) {
    if (!app.clientSecret || !safeEqual(auth.clientSecret, app.clientSecret))
      throw new InvalidClient("invalid client credentials")
    return { app, withSecret: true }
  }
  const required =
    typeof opts.secretRequired === "function" ? opts.secretRequired(app) : opts.secretRequired
  if (required) throw new InvalidClient("invalid client credentials")
  return { app, withSecret: false }
}

/**
 * The token endpoint's client authentication for the code and refresh grants: a secret (body or
 * Basic), a `client_assertion` (private key JWT, client-assertion.ts), or nothing where the app's
 * "Require Secret" setting allows a public client. `withSecret` is true for either credential.
 */
export async function authenticateTokenClient(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
  opts: { secretRequired: (app: ConnectedApp) => boolean },
): Promise<{ app: ConnectedApp; withSecret: boolean }> {
  if (!hasClientAssertion(form)) return authenticateClientAs(ctx, req, form, opts)
  if (req.headers.get("authorization")?.match(/^basic /i))
    throw new InvalidRequest("client authentication must use only one method")
  return { app: await authenticateWithAssertion(ctx, form), withSecret: true }
}
