import "server-only"
import type { Redirect } from "@/lib/http/respond"
import { sessionSetCookies } from "@/lib/auth/session-cookie"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { codeChallengeS256, randomToken } from "@/lib/salesforce/pkce"
import { completeSignIn } from "./shared/complete-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import { clientFor, orgConnection, recorderFor } from "@/lib/org/connection"
import { clearCookie, sealCookie, unsealCookie } from "@/lib/auth/sealed-cookie"
import { consumeState } from "@/lib/auth/used-states"
import { isClientAuthMethod, type ClientAuthMethod } from "@/lib/salesforce/client-auth"

export const WEB_SERVER_COOKIE = "sfl_web_server"
const PURPOSE = "web server flow"
/** Long enough to log in and approve; a code itself lives 15 minutes (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5). */
const FLOW_TTL_S = 10 * 60
const MAX_CODE_LENGTH = 2048

interface WebServerState {
  state: string
  verifier: string
  nonce?: string
  /** The transcript this flow records into. */
  tid: string
  /** How the callback's token request authenticates the client (sealed, so the callback cannot be told otherwise). */
  auth?: ClientAuthMethod
}

export interface WebServerStartOptions {
  loginHint?: string
  prompt?: string
  clientAuth?: ClientAuthMethod
}

/**
 * Step 1: fresh `state` (256 bits), PKCE verifier and, with `openid`, a `nonce`, sealed into a
 * short-lived HttpOnly cookie (not server memory, so any instance can finish the flow).
 */
async function startWebServerUnchecked(opts: WebServerStartOptions = {}): Promise<Redirect> {
  const org = await orgConnection()
  const recorder = recorderFor(org)
  const s: WebServerState = {
    state: randomToken(),
    verifier: randomToken(),
    tid: recorder.id,
    auth: opts.clientAuth ?? "secret",
  }
  if (org.scopes.split(" ").includes("openid")) s.nonce = randomToken()
  const location = clientFor(org).authorizeUrl({
    responseType: "code",
    redirectUri: org.callbacks.webServer,
    scope: org.scopes,
    state: s.state,
    nonce: s.nonce,
    codeChallenge: codeChallengeS256(s.verifier),
    loginHint: opts.loginHint,
    prompt: opts.prompt,
  })
  recorder.redirect("Browser → Salesforce: authorize (302 from the site)", location)
  return {
    location,
    cookies: [
      await sealCookie(WEB_SERVER_COOKIE, PURPOSE, { ...s }, FLOW_TTL_S, "/flows/web-server"),
    ],
  }
}

/**
 * Step 2, the callback. `state` is checked before anything else (no token request for a forged
 * callback). Once the state matches, the one-time cookie is cleared whatever happens, and its state
 * is recorded as used, so a replayed callback fails even with a copy of the cookie. A callback whose
 * state is missing or not the flow's leaves the cookie alone: it belongs to another sign-in still in
 * progress (a second tab, R-02), and a cross-site link to the callback must not abort it.
 */
export async function finishWebServer(url: URL, cookieHeader: string | null): Promise<Redirect> {
  const clear = clearCookie(WEB_SERVER_COOKIE, "/flows/web-server")
  let tid: string | undefined
  let issued: { client: ReturnType<typeof clientFor>; token: string } | undefined
  // Set when the callback is not this flow's: its failure must not end the flow.
  let foreign = false
  try {
    const saved = await unsealCookie<WebServerState & { exp: number; [k: string]: unknown }>(
      cookieHeader,
      WEB_SERVER_COOKIE,
      PURPOSE,
    )
    tid = saved?.tid
    const q = url.searchParams
    if (!saved)
      throw new FlowError(
        "FLOW_EXPIRED",
        "this sign-in was not started in this browser, expired, or was already completed",
      )
    foreign = q.getAll("state").length !== 1 || q.get("state") !== saved.state
    if (q.getAll("state").length !== 1)
      throw new FlowError("STATE_MISSING", "the callback has no single state parameter")
    if (q.get("state") !== saved.state)
      throw new FlowError("STATE_MISMATCH", "the callback's state is not the one this browser sent")
    // The cookie is cleared below, but a copy of it still opens until it expires: the state is
    // recorded as used, for every instance, before anything is asked of the org (C-78).
    if (!consumeState(saved.state, saved.exp * 1000))
      throw new FlowError("STATE_REUSED", "this sign-in was already completed; start again")
    const error = q.get("error")
    if (error) throw new SalesforceOAuthError(error, q.get("error_description") ?? "")
    const code = q.get("code")
    if (!code || q.getAll("code").length !== 1)
      throw new FlowError("MISSING_CODE", "the callback carries no authorization code")
    // Salesforce's codes are about 100 characters: a far longer one is garbage, not worth a token request (C-71, RFC 6819 §4.4.1.12).
    if (code.length > MAX_CODE_LENGTH)
      throw new FlowError(
        "MISSING_CODE",
        "the callback's code is far longer than any authorization code",
      )

    const org = await orgConnection()
    const recorder = recorderFor(org, saved.tid)
    recorder.redirect("Salesforce → site: callback with the code (302)", url.toString())
    const auth = isClientAuthMethod(saved.auth) ? saved.auth : "secret"
    const client = clientFor(org, recorder, auth)
    const response = await client.exchangeCode(code, org.callbacks.webServer, saved.verifier)
    issued = { client, token: response.refresh_token ?? response.access_token }
    const session = await completeSignIn("web-server", org, client, response, {
      nonce: saved.nonce,
      requireSignature: true,
      transcriptId: recorder.id,
      facts: recorder,
    })
    session.clientAuth = auth
    recorder.redirect(
      "Site → browser: session cookie, then the token inspector (303)",
      "/inspector",
    )
    return { location: "/inspector", cookies: [clear, ...(await sessionSetCookies(session))] }
  } catch (e) {
    // Tokens Salesforce issued before a check failed are not used: revoke them rather than leave them live.
    await issued?.client.revoke(issued.token).catch(() => undefined)
    return {
      location: "/flows/error",
      cookies: [
        ...(foreign ? [] : [clear]),
        await failureCookie(toFailure(e, "web-server", { transcriptId: tid })),
      ],
    }
  }
}

/** Step 1 as the route calls it: a configuration problem lands on the error page, not a 500. */
export async function startWebServer(opts: WebServerStartOptions = {}): Promise<Redirect> {
  try {
    return await startWebServerUnchecked(opts)
  } catch (e) {
    return { location: "/flows/error", cookies: [await failureCookie(toFailure(e, "web-server"))] }
  }
}
