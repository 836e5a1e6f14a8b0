import type { EmulatorContext } from "./context"
import { AuthorizePageError, OAuthError } from "./errors"
import { json } from "./http"
import {
  CONTROL_PATH,
  CONTROL_RESET_PATH,
  controlEndpoint,
  controlReset,
} from "./control/control-endpoint"
import { consentGet, consentPost, resumeGet } from "./interactive/consent"
import { frontdoor } from "./interactive/frontdoor"
import { connectDecisionPost, connectGet, connectPost } from "./interactive/device-connect"
import { home, loginGet, loginPost, logoutPost } from "./interactive/login"
import { ecaImportPost } from "./interactive/eca-import"
import { settingsGet, settingsPost } from "./interactive/settings"
import { authorizeEndpoint } from "./oauth/authorize-endpoint"
import { discoveryEndpoint, jwksEndpoint } from "./oauth/discovery"
import { identityEndpoint, userinfoEndpoint } from "./oauth/identity"
import { introspectEndpoint } from "./oauth/introspect-endpoint"
import { revokeEndpoint } from "./oauth/revoke-endpoint"
import { singleAccessEndpoint } from "./oauth/singleaccess-endpoint"
import { tokenEndpoint } from "./oauth/token-endpoint"
import { authorizeErrorPage, messagePage } from "./pages/error-page"
import { remoteAccessErrorGet } from "./pages/remote-access-error-page"
import { ORG_CSS } from "./pages/styles"
import { crossSitePost, misdirected } from "./request-guard"
import { restEndpoint } from "./rest/rest-endpoint"
import { pruneIfDue } from "./store/prune"

type Handler = (ctx: EmulatorContext, req: Request) => Response | Promise<Response>

/** Exact routes, keyed `METHOD path` with the path relative to the org's base path. */
const ROUTES: Readonly<Record<string, Handler>> = {
  "GET /": home,
  "GET /login": loginGet,
  "POST /login": loginPost,
  "POST /secur/logout.jsp": logoutPost,
  "GET /secur/frontdoor.jsp": frontdoor,
  "POST /secur/frontdoor.jsp": frontdoor,
  "GET /resume": resumeGet,
  "GET /consent": consentGet,
  "POST /consent": consentPost,
  "GET /setup/connect": connectGet,
  "POST /setup/connect": connectPost,
  "POST /setup/connect/decision": connectDecisionPost,
  "GET /settings": settingsGet,
  "POST /settings": (ctx, req) => settingsPost(ctx, req, "save"),
  "POST /settings/policies": (ctx, req) => settingsPost(ctx, req, "policies"),
  "POST /settings/users": (ctx, req) => settingsPost(ctx, req, "users"),
  "GET /setup/secur/RemoteAccessErrorPage.apexp": remoteAccessErrorGet,
  "POST /settings/approvals/revoke": (ctx, req) => settingsPost(ctx, req, "revoke"),
  "POST /settings/users/unlock": (ctx, req) => settingsPost(ctx, req, "unlock"),
  "POST /settings/reset": (ctx, req) => settingsPost(ctx, req, "reset"),
  "POST /settings/eca-import": ecaImportPost,
  "GET /services/oauth2/authorize": authorizeEndpoint,
  "POST /services/oauth2/authorize": authorizeEndpoint,
  "GET /services/oauth2/token": tokenEndpoint,
  "POST /services/oauth2/token": tokenEndpoint,
  "GET /services/oauth2/revoke": revokeEndpoint,
  "POST /services/oauth2/revoke": revokeEndpoint,
  "GET /services/oauth2/introspect": introspectEndpoint,
  "POST /services/oauth2/introspect": introspectEndpoint,
  "GET /services/oauth2/userinfo": userinfoEndpoint,
  "POST /services/oauth2/userinfo": userinfoEndpoint,
  "GET /services/oauth2/singleaccess": singleAccessEndpoint,
  "POST /services/oauth2/singleaccess": singleAccessEndpoint,
  "GET /.well-known/openid-configuration": discoveryEndpoint,
  "GET /id/keys": jwksEndpoint,
  "GET /static/org.css": () =>
    new Response(ORG_CSS, {
      headers: {
        "content-type": "text/css;charset=UTF-8",
        "cache-control": "public, max-age=3600",
        "x-content-type-options": "nosniff",
      },
    }),
}

/**
 * The posts that come from other sites by design: the OAuth endpoints (called server to server, or
 * by a cross-site form, authorize) and frontdoor.jsp (an entry point other sites link to).
 */
const CROSS_SITE_POSTS = (path: string) =>
  path.startsWith("/services/") || path === "/secur/frontdoor.jsp"

/**
 * Every other POST route is a form on the org's own pages and must come from its origin (S-13).
 * Derived from the routes, not listed by hand: a new settings form is covered the day it is added
 * (the unlock form was once missed from a hand-kept list).
 */
const PAGE_FORMS: ReadonlySet<string> = new Set(
  Object.keys(ROUTES)
    .filter((k) => k.startsWith("POST "))
    .map((k) => k.slice("POST ".length))
    .filter((path) => !CROSS_SITE_POSTS(path)),
)

function route(ctx: EmulatorContext, req: Request, path: string): Handler | undefined {
  // HEAD is GET without the body (RFC 9110 §9.3.2); the server drops the body.
  const method = req.method === "HEAD" ? "GET" : req.method
  const exact = ROUTES[`${method} ${path}`]
  if (exact) return exact
  const id = /^\/id\/([^/]+)\/([^/]+)$/.exec(path)
  if (id && method === "GET") return (c, r) => identityEndpoint(c, r, id[1]!, id[2]!)
  if (path === CONTROL_RESET_PATH && method === "POST") return controlReset
  const control = CONTROL_PATH.exec(path)
  if (control && method === "POST")
    return (c, r) => controlEndpoint(c, r, control[1]!, control[2] as "break" | "fix")
  if (path === "/services/data" || path.startsWith("/services/data/"))
    return (c, r) => restEndpoint(c, r, path.slice("/services/data".length))
  return undefined
}

/**
 * The embedded org as one `(Request) => Promise<Response>`: any server can mount it under the
 * org's base path. Expected failures become Salesforce's error bodies; an unexpected one is logged
 * by name only (never with request data, which may hold secrets) and answered with `server_error`.
 */
export async function dispatch(ctx: EmulatorContext, req: Request): Promise<Response> {
  let path: string
  try {
    path = new URL(req.url).pathname
  } catch {
    return json({ error: "invalid_request", error_description: "malformed request URL" }, 400)
  }
  const wrongHost = misdirected(ctx, req, path)
  if (wrongHost) return wrongHost
  if (path !== ctx.basePath && !path.startsWith(`${ctx.basePath}/`)) return notFound(ctx, path)
  const rel = path.slice(ctx.basePath.length).replace(/(.)\/+$/, "$1") || "/"
  const handler = route(ctx, req, rel)
  if (!handler) return methodNotAllowed(req.method, rel) ?? notFound(ctx, rel)
  if (req.method === "POST" && PAGE_FORMS.has(rel)) {
    const refused = crossSitePost(ctx, req)
    if (refused) return refused
  }
  try {
    // Dead rows go once a minute, not per request (store/prune.ts, docs/fidelity.md, F-57–F-59).
    // Housekeeping never fails the request that happened to trigger it: the next minute retries.
    pruneIfDue(ctx.db, ctx.now())
  } catch (e) {
    console.error(`[embedded org] pruning failed: ${e instanceof Error ? e.name : "unknown error"}`)
  }
  try {
    return await handler(ctx, req)
  } catch (e) {
    if (e instanceof AuthorizePageError)
      return authorizeErrorPage(ctx.basePath, e.error, e.description)
    if (e instanceof OAuthError) return json(e.toJSON(), e.status, e.headers)
    console.error(
      `[embedded org] ${req.method} ${rel} failed: ${e instanceof Error ? e.name + ": " + e.message : "unknown error"}`,
    )
    return json(
      { error: "server_error", error_description: "the embedded org hit an internal error" },
      500,
    )
  }
}

/**
 * A known path asked with a method it does not take: 405 with `Allow`, in the shape of Salesforce's
 * own platform answer (`METHOD_NOT_ALLOWED`, "HTTP Method 'PUT' not allowed. Allowed are GET,POST").
 */
function methodNotAllowed(method: string, path: string): Response | undefined {
  // GET reaches the token endpoint only to be refused in OAuth's own shape (token-endpoint.ts).
  const allowed =
    path === "/services/oauth2/token"
      ? ["POST"]
      : Object.keys(ROUTES)
          .filter((k) => k.endsWith(` ${path}`))
          .map((k) => k.split(" ")[0]!)
  if (/^\/id\/[^/]+\/[^/]+$/.test(path)) allowed.push("GET")
  if (!allowed.length) return undefined
  return json(
    [
      {
        errorCode: "METHOD_NOT_ALLOWED",
        message: `HTTP Method '${method}' not allowed. Allowed are ${allowed.join(",")}`,
      },
    ],
    405,
    { allow: allowed.join(", ") },
  )
}

function notFound(ctx: EmulatorContext, path: string): Response {
  if (path.startsWith("/services/") || path.startsWith("/id/")) {
    return json([{ errorCode: "NOT_FOUND", message: "The requested resource does not exist" }], 404)
  }
  return messagePage(
    ctx.basePath,
    "Page not found",
    "The page you requested does not exist in the embedded org.",
    404,
  )
}
