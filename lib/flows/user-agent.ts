import "server-only"
import { z } from "zod"
import { sessionSetCookies } from "@/lib/auth/session-cookie"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { randomToken } from "@/lib/salesforce/pkce"
import { tokenResponseSchema } from "@/lib/salesforce/token-set"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import { completeSignIn } from "./shared/complete-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import { clientFor, orgConnection, recorderFor } from "@/lib/org/connection"
import { clearCookie, sealCookie, unsealCookie } from "@/lib/auth/sealed-cookie"
import { consumeState } from "@/lib/auth/used-states"
import type { Redirect } from "@/lib/http/respond"

export const USER_AGENT_COOKIE = "sfl_user_agent"
const PURPOSE = "user agent flow"
const FLOW_TTL_S = 10 * 60

/** Step 1: `response_type=token` (`token id_token` with `openid`), with `state` and `nonce`. */
async function startUserAgentUnchecked(): Promise<Redirect> {
  const org = await orgConnection()
  const openid = org.scopes.split(" ").includes("openid")
  const recorder = recorderFor(org)
  const responseType = openid ? "token id_token" : "token"
  // What was asked for travels sealed with the state: the answer is judged against the request,
  // never against what the fragment happens to carry (docs/security.md, C-75).
  const s = { state: randomToken(), nonce: randomToken(), tid: recorder.id, responseType }
  const location = clientFor(org).authorizeUrl({
    responseType,
    redirectUri: org.callbacks.userAgent,
    scope: org.scopes,
    state: s.state,
    nonce: s.nonce,
  })
  recorder.redirect("Browser → Salesforce: authorize (302 from the site)", location)
  return {
    location,
    cookies: [await sealCookie(USER_AGENT_COOKIE, PURPOSE, s, FLOW_TTL_S, "/flows/user-agent")],
  }
}

/**
 * Step 2: the callback page posts the fragment's parameters here. The token came through the
 * browser, so nothing in it is trusted until proven: `state`, then the `signature` HMAC (only the
 * org and this app know the secret), then introspection (the token is active and was issued to
 * this app), then the `id_token`.
 */
export async function completeUserAgent(
  fragment: Record<string, string>,
  cookieHeader: string | null,
): Promise<Redirect> {
  const clear = clearCookie(USER_AGENT_COOKIE, "/flows/user-agent")
  let tid: string | undefined
  // A fragment without this flow's state is not its answer: its failure leaves the cookie of the
  // sign-in still in progress (another tab's) alone. Once the state matches, the flow is over.
  let foreign = false
  // Set once the org has proven the fragment's token this app's (introspection): a check failing
  // after that revokes it, as every flow revokes tokens issued before a failed check.
  let revoke: (() => Promise<void>) | undefined
  try {
    const saved = await unsealCookie<{
      state: string
      nonce: string
      tid: string
      responseType?: "token" | "token id_token"
      exp: number
    }>(cookieHeader, USER_AGENT_COOKIE, PURPOSE)
    tid = saved?.tid
    if (!saved)
      throw new FlowError(
        "FLOW_EXPIRED",
        "this sign-in was not started in this browser, expired, or was already completed",
      )
    foreign = fragment.state !== saved.state
    if (!fragment.state) throw new FlowError("STATE_MISSING", "the fragment has no state parameter")
    if (fragment.state !== saved.state)
      throw new FlowError("STATE_MISMATCH", "the fragment's state is not the one this browser sent")
    // A copy of the cleared cookie still opens until it expires: the state counts once, on every
    // instance, before the fragment's token is used (C-78).
    if (!consumeState(saved.state, saved.exp * 1000))
      throw new FlowError("STATE_REUSED", "this sign-in was already completed; start again")
    if (fragment.error)
      throw new SalesforceOAuthError(fragment.error, fragment.error_description ?? "")
    if (!fragment.access_token)
      throw new FlowError("MISSING_TOKEN", "the fragment carries no access_token")
    const parsed = tokenResponseSchema.safeParse(fragment)
    if (!parsed.success)
      throw new FlowError(
        "UNEXPECTED_RESPONSE",
        "the fragment does not hold a complete Salesforce token response",
      )
    const response = parsed.data as SalesforceTokenResponse

    const org = await orgConnection()
    const recorder = recorderFor(org, saved.tid)
    recorder.redirect(
      "Salesforce → browser: callback, token in the fragment (the page posts it to the site)",
      `${org.callbacks.userAgent}#${new URLSearchParams(fragment)}`,
    )
    const client = clientFor(org, recorder)
    // An id_token was asked for, so one must come back: a fragment stripped of it would skip the
    // nonce and at_hash checks that bind the token to this login (OIDC Core §3.2.2.10; C-75). A flow
    // sealed before responseType was (a deploy during a sign-in) counts as asking when openid is on.
    const askedIdToken =
      (saved.responseType ??
        (org.scopes.split(" ").includes("openid") ? "token id_token" : "token")) ===
      "token id_token"
    const session = await completeSignIn("user-agent", org, client, response, {
      nonce: askedIdToken || response.id_token ? saved.nonce : undefined,
      requireSignature: true,
      proveToken: true,
      onProven: () => {
        revoke = async () => {
          // A refresh token outlives the access token, and revoking it revokes the access tokens
          // issued with it (RFC 7009 §2.1); the signature does not cover it, so the proven access
          // token is revoked in its own right too.
          for (const token of [response.refresh_token, response.access_token])
            if (token) await client.revoke(token).catch(() => undefined)
        }
      },
      transcriptId: recorder.id,
      facts: recorder,
    })
    recorder.redirect("Site → browser: session cookie, then the token inspector", "/inspector")
    return { location: "/inspector", cookies: [clear, ...(await sessionSetCookies(session))] }
  } catch (e) {
    await revoke?.()
    return {
      location: "/flows/error",
      cookies: [
        ...(foreign ? [] : [clear]),
        await failureCookie(toFailure(e, "user-agent", { transcriptId: tid })),
      ],
    }
  }
}

/** Step 1 as the route calls it: a configuration problem lands on the error page, not a 500. */
export async function startUserAgent(): Promise<Redirect> {
  try {
    return await startUserAgentUnchecked()
  } catch (e) {
    return { location: "/flows/error", cookies: [await failureCookie(toFailure(e, "user-agent"))] }
  }
}

/** The fragment parameters a Salesforce user-agent callback may carry; anything else is ignored. */
const FIELDS = [
  "access_token",
  "refresh_token",
  "signature",
  "scope",
  "id_token",
  "instance_url",
  "id",
  "token_type",
  "issued_at",
  "state",
  "error",
  "error_description",
] as const

/**
 * The fragment the callback page posts (JSON, string values only). Whatever else arrives (not an
 * object, not JSON, a number where a string belongs) is left out rather than refused:
 * `completeUserAgent` then explains what is missing on the flow's error page.
 */
export const fragmentSchema = z.unknown().transform((body) => {
  const fragment: Record<string, string> = {}
  if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const k of FIELDS) {
      const v = (body as Record<string, unknown>)[k]
      if (typeof v === "string") fragment[k] = v
    }
  }
  return fragment
})

/** The callback page's fragment can be long (an id_token), never this long. */
export const FRAGMENT_BYTES = 32 * 1024

/** Answers `{ location }` with the session or error cookies set: the page then navigates there. */
export async function completeUserAgentRequest(
  fragment: Record<string, string>,
  cookieHeader: string | null,
): Promise<Response> {
  const r = await completeUserAgent(fragment, cookieHeader)
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" })
  for (const c of r.cookies) headers.append("set-cookie", c)
  return new Response(JSON.stringify({ location: r.location }), { status: 200, headers })
}
