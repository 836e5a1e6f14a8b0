import type { EmulatorContext } from "../context"
import { InvalidClient, InvalidClientId } from "../errors"
import { readClientAuth } from "../http"
import { safeEqual } from "../secrets"
import { getApp, type ConnectedApp } from "../store/apps"

/**
 * Authenticates the client of a token, introspect or refresh request. Unknown consumer key and
 * wrong secret get Salesforce's two distinct errors (salesforce-oauth.md §8.3), both HTTP 400.
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
