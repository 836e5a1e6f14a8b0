import { sessionFingerprint } from "../browser-session"
import type { EmulatorContext } from "../context"
import {
  AuthorizePageError,
  InvalidRequest,
  InvalidScope,
  OAuthError,
  UnsupportedResponseType,
} from "../errors"
import { param } from "../http"
import { getApp } from "../store/apps"
import { savePending, type PendingAuthorization } from "../store/auth-requests"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { getSettings } from "../store/settings"
import { errorToClient, modeFor } from "./authorize-response"
import { proceedWithAuthorization } from "./authorize-decision"
import { countAuthorize } from "./rate-limits"

const RESPONSE_TYPES: Readonly<Record<string, PendingAuthorization["responseType"]>> = {
  code: "code",
  token: "token",
  "id_token token": "token id_token",
}

/** RFC 7636 §4.2: BASE64URL(SHA256(verifier)) is always 43 characters. */
const CHALLENGE = /^[A-Za-z0-9_-]{43}$/

/**
 * Longest accepted values, in characters. Salesforce documents none (unverified; docs/fidelity.md,
 * F-60). `state` comes back in the redirect, so it must keep the URL within what browsers and
 * servers take; `nonce` goes into the ID token; `login_hint` is a username, and a Salesforce
 * username is at most 80 characters (User.Username,
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_user.htm).
 * Capping them also bounds what an unauthenticated request parks in the database.
 */
export const LENGTH_CAPS: Readonly<Record<"state" | "nonce" | "login_hint", number>> = {
  state: 2048,
  nonce: 255,
  login_hint: 80,
}

/** Exactly one value, or an error page: these two decide whether redirecting is safe at all. */
function pageParam(q: URLSearchParams, name: string): string | undefined {
  const all = q.getAll(name)
  if (all.length > 1)
    throw new AuthorizePageError("invalid_request", `duplicate parameter: ${name}`)
  return all[0] || undefined
}

/**
 * `GET /services/oauth2/authorize`
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_user_agent_flow.htm).
 * Until `client_id` and `redirect_uri` are proven, errors are an HTML page and nothing redirects (S-01–S-03); after,
 * errors go back to the client with `state` (S-05–S-11).
 */
export async function authorizeEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  if (req.method !== "GET") throw new AuthorizePageError("invalid_request", "Must use HTTP GET")
  const q = new URL(req.url).searchParams
  const clientId = pageParam(q, "client_id")
  const app = clientId ? getApp(ctx.db, clientId) : undefined
  if (!app) throw new AuthorizePageError("invalid_client_id", "client identifier invalid")
  const redirectUri = pageParam(q, "redirect_uri")
  if (!redirectUri)
    throw new AuthorizePageError("redirect_uri_missing", "redirect_uri must be provided")
  // Exact string comparison, nothing normalised (RFC 9700 §4.1.3, S-02).
  if (!app.callbackUrls.includes(redirectUri))
    throw new AuthorizePageError("redirect_uri_mismatch", "redirect_uri must match configuration")

  const rawType =
    q.getAll("response_type").length === 1 ? (q.get("response_type") ?? undefined) : undefined
  const mode = modeFor(rawType)
  const rawState = q.getAll("state")
  // An over-long state is not echoed back: the error redirect would carry it.
  const state =
    rawState.length === 1 && rawState[0]!.length <= LENGTH_CAPS.state ? rawState[0] : undefined
  try {
    countAuthorize(ctx, app.clientId)
    for (const [name, max] of Object.entries(LENGTH_CAPS)) {
      if ((param(q, name)?.length ?? 0) > max) throw new InvalidRequest(`${name} is too long`)
    }
    const responseType = RESPONSE_TYPES[(rawType ?? "").split(" ").filter(Boolean).sort().join(" ")]
    if (!responseType) throw new UnsupportedResponseType("response type not supported")
    const settings = getSettings(ctx.db)
    if (responseType !== "code" && settings.blockUserAgentFlow)
      throw new UnsupportedResponseType("response type not supported")

    const asked = param(q, "scope")?.split(/[ +]/).filter(Boolean)
    const { appScopes } = appOAuthPolicy(ctx.db, app.clientId)
    const scopes = asked?.length ? [...new Set(asked)] : [...appScopes]
    if (scopes.some((s) => !appScopes.includes(s)))
      throw new InvalidScope("the requested scope is not allowed")

    const nonce = param(q, "nonce")
    if (responseType === "token id_token" && !nonce)
      throw new InvalidRequest("nonce is required for response_type token id_token")

    const codeChallenge = param(q, "code_challenge")
    const method = param(q, "code_challenge_method")
    if (codeChallenge !== undefined || method !== undefined) {
      if (responseType !== "code")
        throw new InvalidRequest("code_challenge is only supported with response_type code")
      if (method !== undefined && method !== "S256")
        throw new InvalidRequest("code_challenge_method must be S256")
      if (!codeChallenge || !CHALLENGE.test(codeChallenge))
        throw new InvalidRequest("invalid code_challenge")
    }
    // "Require PKCE": Salesforce's words on the callback (third-party captures,
    // https://github.com/pgonzaleznetwork/HappySoup.io/issues/252,
    // https://github.com/activepieces/activepieces/issues/15615; docs/fidelity.md, F-174).
    if (responseType === "code" && settings.requirePkce && !codeChallenge)
      throw new InvalidRequest("missing required code challenge")

    const prompt = (param(q, "prompt") ?? "").split(/[ +]/)
    const promptLogin = prompt.includes("login") || prompt.includes("select_account")
    const pending: PendingAuthorization = {
      clientId: app.clientId,
      redirectUri,
      responseType,
      scopes,
      state,
      nonce,
      codeChallenge,
      loginHint: param(q, "login_hint"),
      promptLogin,
      staleSession: promptLogin ? sessionFingerprint(ctx, req) : undefined,
      promptConsent: prompt.includes("consent"),
      immediate: param(q, "immediate") === "true",
      display: param(q, "display"),
    }
    const { id } = savePending(ctx.db, pending, ctx.now())
    return await proceedWithAuthorization(ctx, req, id, pending)
  } catch (e) {
    if (e instanceof OAuthError && !(e instanceof AuthorizePageError))
      return errorToClient(redirectUri, mode, e, state)
    throw e
  }
}
