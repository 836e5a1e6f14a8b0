import "server-only"
import { methodNotAllowed } from "./method-not-allowed"
import { redirectResponse, toSetupIfMisconfigured, type Redirect } from "./respond"

/** The code and state stay out of any Referer the next page could send (RFC 9700 §4.2.4). */
const NO_REFERRER = { "referrer-policy": "no-referrer" }

/**
 * A GET callback of the site (an authorization server sends the browser back with `code` and
 * `state`): `finish` runs only with a valid configuration, since it opens and clears sealed cookies;
 * otherwise the browser goes to /setup, as every POST does (docs/security.md, C-53). The answer is
 * always a 303 without a Referer, and POST answers 405 with `Allow: GET, HEAD`.
 */
export function callbackRoute(
  finish: (url: URL, cookieHeader: string | null) => Promise<Redirect>,
): {
  GET: (req: Request) => Promise<Response>
  POST: (req: Request) => Response
} {
  async function GET(req: Request): Promise<Response> {
    const misconfigured = toSetupIfMisconfigured(NO_REFERRER)
    if (misconfigured) return misconfigured
    return redirectResponse(await finish(new URL(req.url), req.headers.get("cookie")), NO_REFERRER)
  }
  return { GET, POST: methodNotAllowed("GET", "HEAD") }
}
