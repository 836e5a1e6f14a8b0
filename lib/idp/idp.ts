// Over 200 lines: the provider's five endpoints and their checks in one place, each short, so the
// whole authorization-code + PKCE path can be read top to bottom.
import crypto from "node:crypto"
import { html } from "../emulator/pages/html"
import { withOrgHeaders } from "../emulator/http-headers"
import { safeEqual } from "../emulator/secrets"
import { loadOrCreateIdpKeys, type IdpKeys } from "./keys"
import { idpPage, loginPage, type PendingAuthorization } from "./login-page"
import { IDP_TOKEN_SECONDS, mintIdpTokens } from "./tokens"
import { findIdpUser, type IdpUser } from "./users"

export interface IdpClient {
  clientId: string
  redirectUris: readonly string[]
}

export interface IdpOptions {
  /** The provider's origin and issuer, e.g. `http://127.0.0.1:3003`. */
  issuer: string
  dataDir: string
  clients: readonly IdpClient[]
  now?: () => number
}

export interface Idp {
  handle: (req: Request) => Promise<Response>
  keys: IdpKeys
  issuer: string
}

interface Code {
  clientId: string
  redirectUri: string
  challenge: string
  nonce: string
  scope: string
  user: IdpUser
  expiresAt: number
}

const CODE_MS = 60_000
const MAX_CODES = 1000
const BROWSER_COOKIE = "idp_browser"
const SCOPES = new Set(["openid", "email", "profile"])

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json;charset=UTF-8",
      "cache-control": "no-store",
      pragma: "no-cache",
    },
  })
const tokenError = (error: string, description: string) =>
  json({ error, error_description: description }, 400)

/** RFC 7636 §4.6: BASE64URL(SHA256(code_verifier)), compared in constant time. */
const s256 = (verifier: string) => crypto.createHash("sha256").update(verifier).digest("base64url")

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get("cookie") ?? "").split(";")) {
    const [k, ...v] = part.trim().split("=")
    if (k === name) return v.join("=")
  }
  return undefined
}

/**
 * A small OpenID provider at its own origin: discovery, JWKS, an authorize endpoint (code flow,
 * PKCE S256 required), a login page (no script, CSRF-protected) and a token endpoint issuing an
 * id_token and an RS256 JWT access token. Codes live in memory for a minute and are single-use.
 */
export async function createIdp(opts: IdpOptions): Promise<Idp> {
  const issuer = opts.issuer.replace(/\/+$/, "")
  const origin = new URL(issuer).origin
  const now = opts.now ?? Date.now
  const keys = await loadOrCreateIdpKeys(opts.dataDir)
  const codes = new Map<string, Code>()
  const clientOf = (id: string | null) => opts.clients.find((c) => c.clientId === id)
  const csrfFor = (browser: string) =>
    crypto.createHmac("sha256", keys.csrfKey).update(`idp-csrf-v1\0${browser}`).digest("base64url")

  const discovery = () =>
    json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ["code"],
      grant_types_supported: ["authorization_code"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      token_endpoint_auth_methods_supported: ["none"],
      scopes_supported: [...SCOPES],
      claims_supported: ["sub", "email", "email_verified", "name", "preferred_username"],
    })

  /** Checks the request; errors before the redirect URI is trusted are shown, never redirected. */
  function pending(p: URLSearchParams): PendingAuthorization | Response {
    const client = clientOf(p.get("client_id"))
    if (!client) return idpPage("Error", html`<h1>Unknown client</h1>`, 400)
    const redirectUri = p.get("redirect_uri") ?? ""
    if (!client.redirectUris.includes(redirectUri))
      return idpPage("Error", html`<h1>The redirect_uri is not registered</h1>`, 400)
    const back = (error: string, description: string) => {
      const u = new URL(redirectUri)
      u.searchParams.set("error", error)
      u.searchParams.set("error_description", description)
      if (p.get("state")) u.searchParams.set("state", p.get("state")!)
      return Response.redirect(u.toString(), 303)
    }
    if (p.get("response_type") !== "code")
      return back("unsupported_response_type", "response_type must be code")
    const challenge = p.get("code_challenge") ?? ""
    if (p.get("code_challenge_method") !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(challenge))
      return back("invalid_request", "PKCE with code_challenge_method=S256 is required")
    const scope = (p.get("scope") ?? "openid").split(" ").filter((s) => SCOPES.has(s))
    if (!scope.includes("openid")) return back("invalid_scope", "scope must include openid")
    return {
      client_id: client.clientId,
      redirect_uri: redirectUri,
      state: (p.get("state") ?? "").slice(0, 512),
      nonce: (p.get("nonce") ?? "").slice(0, 512),
      scope: scope.join(" "),
      code_challenge: challenge,
    }
  }

  function authorize(req: Request): Response {
    const p = pending(new URL(req.url).searchParams)
    if (p instanceof Response) return p
    const browser = readCookie(req, BROWSER_COOKIE) ?? crypto.randomBytes(32).toString("base64url")
    return loginPage(p, csrfFor(browser), {
      setCookies: [`${BROWSER_COOKIE}=${browser}; Path=/; HttpOnly; SameSite=Lax`],
    })
  }

  async function login(req: Request): Promise<Response> {
    // Posted from the provider's own page only: same origin, and the CSRF token of this browser.
    // Under its no-referrer policy browsers send `Origin: null` even from its own form; then
    // Sec-Fetch-Site decides, which a page cannot set (as lib/emulator/request-guard.ts does).
    const raw = req.headers.get("origin")
    const from = raw === "null" ? null : raw
    const fetchSite = req.headers.get("sec-fetch-site")
    if (from !== null ? from !== origin : fetchSite !== null && fetchSite !== "same-origin")
      return idpPage("Error", html`<h1>Cross-origin form refused</h1>`, 403)
    const form = new URLSearchParams(await req.text())
    const browser = readCookie(req, BROWSER_COOKIE)
    const token = form.get("_csrf") ?? ""
    if (!browser || token.length > 128 || !safeEqual(csrfFor(browser), token))
      return idpPage("Error", html`<h1>The form expired: start the sign-in again</h1>`, 403)
    const p = pending(form)
    if (p instanceof Response) return p
    const user = findIdpUser(form.get("username"))
    if (!user || !safeEqual(user.password, form.get("password") ?? ""))
      return loginPage(p, token, { error: "Wrong username or password." })
    if (codes.size >= MAX_CODES) {
      for (const [k, c] of codes) if (c.expiresAt < now()) codes.delete(k)
      if (codes.size >= MAX_CODES) codes.delete(codes.keys().next().value!)
    }
    const code = crypto.randomBytes(32).toString("base64url")
    codes.set(code, {
      clientId: p.client_id,
      redirectUri: p.redirect_uri,
      challenge: p.code_challenge,
      nonce: p.nonce,
      scope: p.scope,
      user,
      expiresAt: now() + CODE_MS,
    })
    const back = new URL(p.redirect_uri)
    back.searchParams.set("code", code)
    if (p.state) back.searchParams.set("state", p.state)
    return Response.redirect(back.toString(), 303)
  }

  async function token(req: Request): Promise<Response> {
    const form = new URLSearchParams(await req.text())
    if (form.get("grant_type") !== "authorization_code")
      return tokenError("unsupported_grant_type", "only authorization_code is supported")
    const client = clientOf(form.get("client_id"))
    if (!client) return tokenError("invalid_client", "unknown client_id")
    const code = codes.get(form.get("code") ?? "")
    // Single use: a code is gone once presented, whatever the outcome (RFC 6749 §4.1.2).
    if (code) codes.delete(form.get("code")!)
    if (!code || code.expiresAt < now() || code.clientId !== client.clientId)
      return tokenError("invalid_grant", "the code is invalid, expired or already used")
    if (form.get("redirect_uri") !== code.redirectUri)
      return tokenError("invalid_grant", "redirect_uri does not match the authorization request")
    const verifier = form.get("code_verifier") ?? ""
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || !safeEqual(s256(verifier), code.challenge))
      return tokenError("invalid_grant", "code_verifier does not match the code_challenge")
    const minted = await mintIdpTokens(keys, {
      issuer,
      clientId: client.clientId,
      user: code.user,
      scope: code.scope,
      nonce: code.nonce || undefined,
      nowS: Math.floor(now() / 1000),
    })
    return json({
      access_token: minted.access_token,
      token_type: "Bearer",
      expires_in: IDP_TOKEN_SECONDS,
      scope: code.scope,
      id_token: minted.id_token,
    })
  }

  const routes: Record<
    string,
    Partial<Record<string, (req: Request) => Response | Promise<Response>>>
  > = {
    "/.well-known/openid-configuration": { GET: discovery },
    "/jwks": { GET: () => json({ keys: [keys.publicJwk] }) },
    "/authorize": { GET: authorize },
    "/login": { POST: login },
    "/token": { POST: token },
    "/": {
      GET: () =>
        idpPage(
          "Lab identity provider",
          html`<h1>Lab identity provider</h1><p>Issuer <code>${issuer}</code>. Sign-ins start from the lab's Token Exchange flow.</p>`,
        ),
    },
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url)
    // Only its own origin (DNS rebinding: docs/security.md, S-94, as the embedded org).
    if (url.host !== new URL(issuer).host)
      return withOrgHeaders(json({ error: "misdirected_request" }, 421))
    const route = Object.hasOwn(routes, url.pathname) ? routes[url.pathname]! : undefined
    if (!route) return withOrgHeaders(json({ error: "not_found" }, 404))
    const method = req.method === "HEAD" ? "GET" : req.method
    const handler = route[method]
    if (!handler) {
      const res = json({ error: "method_not_allowed", allow: Object.keys(route) }, 405)
      res.headers.set("allow", Object.keys(route).join(", "))
      return withOrgHeaders(res)
    }
    return withOrgHeaders(await handler(req))
  }

  return { handle, keys, issuer }
}
