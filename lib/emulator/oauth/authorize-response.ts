import type { EmulatorContext } from "../context"
import { type OAuthError } from "../errors"
import { redirect } from "../http"
import type { SeedUser } from "../seed/seed-user"
import type { ConnectedApp } from "../store/apps"
import { deletePending, type PendingAuthorization } from "../store/auth-requests"
import { createCode } from "../store/codes"
import { issueTokens } from "./issue-tokens"

export type ResponseMode = "query" | "fragment"

export const modeFor = (responseType: string | undefined): ResponseMode =>
  responseType?.split(" ").includes("token") ? "fragment" : "query"

/** Sends parameters back to the client: query for `code`, fragment for `token` (§2.2, §3). */
export function toClient(
  redirectUri: string,
  mode: ResponseMode,
  params: Record<string, string | undefined>,
): Response {
  const clean = Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  )
  if (mode === "fragment")
    return redirect(`${redirectUri.split("#")[0]}#${new URLSearchParams(clean)}`)
  const url = new URL(redirectUri)
  for (const [k, v] of Object.entries(clean)) url.searchParams.set(k, v)
  return redirect(url.toString())
}

/** An authorize error after the redirect URI is trusted: it goes back to the client, with `state`. */
export function errorToClient(
  redirectUri: string,
  mode: ResponseMode,
  e: OAuthError,
  state: string | undefined,
): Response {
  return toClient(redirectUri, mode, { error: e.error, error_description: e.description, state })
}

/**
 * Refresh tokens come back in the fragment only for custom-scheme callbacks or Salesforce's own
 * success page (unverified: seen in public captures and community reports; Salesforce's page,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_user_agent_flow.htm, does not say).
 */
function fragmentMayCarryRefresh(redirectUri: string): boolean {
  const u = new URL(redirectUri)
  return !/^https?:$/.test(u.protocol) || u.pathname.endsWith("/services/oauth2/success")
}

/** Finishes an approved request: a code in the query, or tokens in the fragment. */
export async function completeAuthorization(
  ctx: EmulatorContext,
  requestId: string,
  p: PendingAuthorization,
  app: ConnectedApp,
  user: SeedUser,
  authTime: number,
): Promise<Response> {
  deletePending(ctx.db, requestId)
  if (p.responseType === "code") {
    const code = createCode(
      ctx.db,
      {
        clientId: app.clientId,
        userId: user.Id,
        redirectUri: p.redirectUri,
        scopes: p.scopes,
        codeChallenge: p.codeChallenge,
        nonce: p.nonce,
        authTime,
      },
      ctx.now(),
    )
    return toClient(p.redirectUri, "query", { code, state: p.state })
  }
  const body = await issueTokens(ctx, {
    app,
    user,
    scopes: p.scopes,
    nonce: p.nonce,
    authTime,
    refresh: fragmentMayCarryRefresh(p.redirectUri) ? {} : false,
    signed: true,
    idToken: p.responseType === "token id_token",
  })
  return toClient(p.redirectUri, "fragment", { ...body, state: p.state })
}
