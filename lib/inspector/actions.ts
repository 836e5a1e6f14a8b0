// Over 200 lines: one switch, one case per inspector button; what grows lives beside it (check-refresh.ts, replay-refresh.ts).
import "server-only"
import { z } from "zod"
import { readSession, sessionSetCookies } from "@/lib/auth/session-cookie"
import type { LabSession } from "@/lib/auth/session-types"
import type { Redirect } from "@/lib/http/respond"
import { clientFor, orgConnection, recorderFor } from "@/lib/org/connection"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { expiryOf } from "@/lib/salesforce/introspection"
import { toTokenSet } from "@/lib/salesforce/token-set"
import { callApi } from "./call-api"
import { checkRefreshResponse, revokeIssued } from "./check-refresh"
import { receiptAfterRefresh } from "./refreshed-id-token"
import { replayRetiredRefresh } from "./replay-refresh"

/** The REST API version the inspector's calls use: served by every current org. */
export const API_VERSION = "62.0"
export const DEFAULT_SOQL = "SELECT Id, Name FROM Account LIMIT 5"

export const ACTIONS = [
  "refresh",
  "replay-old-refresh",
  "introspect",
  "revoke-access",
  "revoke-refresh",
  "api-versions",
  "api-limits",
  "api-query",
] as const
export type InspectorAction = (typeof ACTIONS)[number]

/** The inspector's form: one of the actions, and the SOQL query of *Call the API* (any value, as text). */
export const actionInputSchema = z.object({
  action: z.enum(ACTIONS),
  q: z
    .unknown()
    .optional()
    .transform((v) => (v === undefined ? undefined : String(v))),
})

const back = (anchor: string, cookies: string[] = []): Redirect => ({
  location: `/inspector#${anchor}`,
  cookies,
})

/**
 * Runs one inspector action against the org with the session's tokens. Each exchange lands in the
 * session's transcript (the recorder is the same one the flow used); the outcome, success or
 * Salesforce's refusal, is shown from there and from the updated session.
 */
export async function runInspectorAction(
  action: InspectorAction,
  input: { q?: string },
  cookieHeader: string | null,
): Promise<Redirect> {
  const session = await readSession(cookieHeader)
  if (!session) return { location: "/inspector", cookies: [] }
  let org
  try {
    org = await orgConnection()
  } catch {
    return { location: "/setup", cookies: [] }
  }
  const t = session.tokens
  const recorder = recorderFor(org, session.transcriptId).know(
    { kind: "access_token", value: t.accessToken },
    t.refreshToken ? { kind: "refresh_token", value: t.refreshToken } : undefined,
    t.idToken ? { kind: "id_token", value: t.idToken } : undefined,
  )
  // Refresh authenticates as the flow did (private key JWT, or none for a public client).
  const client = clientFor(org, recorder, session.clientAuth)
  const save = async (next: LabSession, anchor: string) =>
    back(anchor, await sessionSetCookies(next))
  try {
    switch (action) {
      case "refresh": {
        if (!t.refreshToken)
          throw new FlowError(
            "MISSING_TOKEN",
            "this session has no refresh token (the JWT Bearer, Client Credentials, Username-Password and User-Agent flows issue none)",
          )
        const r = await client.refresh(t.refreshToken)
        const receivedAt = Date.now()
        // Until the session holds them, the new tokens are revoked on any failure, the signature
        // check's included (docs/security.md, C-46).
        try {
          await checkRefreshResponse(r, session, org, client, recorder)
          const fresh = toTokenSet(r)
          const info = await client.introspect(fresh.accessToken).catch(() => undefined)
          const rotated = fresh.refreshToken && fresh.refreshToken !== t.refreshToken
          return await save(
            {
              ...session,
              tokens: {
                ...fresh,
                refreshToken: fresh.refreshToken ?? t.refreshToken,
                idToken: fresh.idToken ?? t.idToken,
              },
              idTokenReceipt: receiptAfterRefresh(session, fresh.idToken, receivedAt),
              // An answer without exp leaves the new token's expiry unknown, not the old token's.
              expiry: info?.active
                ? expiryOf(info, "exp from token introspection after the refresh")
                : session.expiry,
              introspection: info?.active
                ? { status: "pass", detail: "the new access token is active" }
                : session.introspection,
              rotation: rotated
                ? {
                    old: `${t.refreshToken.slice(0, 8)}…`,
                    new: `${fresh.refreshToken!.slice(0, 8)}…`,
                    at: Date.now(),
                    retired: t.refreshToken,
                  }
                : session.rotation,
              revoked: undefined,
            },
            "actions",
          )
        } catch (e) {
          await revokeIssued(client, r, t.refreshToken)
          throw e
        }
      }
      case "replay-old-refresh":
        return await save(await replayRetiredRefresh(client, session, recorder), "actions")
      case "introspect": {
        const info = await client.introspect(t.accessToken)
        return await save(
          {
            ...session,
            expiry: expiryOf(info, "exp from token introspection (Introspect)") ?? session.expiry,
            introspection: info.active
              ? {
                  status: "pass",
                  detail: `active, issued to ${info.client_id === org.clientId ? "this app" : info.client_id}`,
                }
              : {
                  status: "fail",
                  detail: "the org says the access token is not active (revoked or expired)",
                },
          },
          "actions",
        )
      }
      case "revoke-access":
      case "revoke-refresh": {
        const kind = action === "revoke-access" ? "access_token" : "refresh_token"
        const token = kind === "access_token" ? t.accessToken : t.refreshToken
        if (!token)
          throw new FlowError("MISSING_TOKEN", "this session has no refresh token to revoke")
        await client.revoke(token)
        return await save(
          {
            ...session,
            revoked: { kind, at: Date.now() },
            introspection: {
              status: "fail",
              detail: `revoked by you (${kind === "access_token" ? "access token" : "refresh token and its access tokens"})`,
            },
          },
          "actions",
        )
      }
      case "api-versions":
        await callApi(client, recorder, t, "/services/data", "Call the API: versions")
        return back("api")
      case "api-limits":
        await callApi(
          client,
          recorder,
          t,
          `/services/data/v${API_VERSION}/limits`,
          "Call the API: limits",
        )
        return back("api")
      case "api-query": {
        const q = (input.q ?? DEFAULT_SOQL).slice(0, 2000) || DEFAULT_SOQL
        await callApi(
          client,
          recorder,
          t,
          `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(q)}`,
          "Call the API: SOQL query",
        )
        return back("api")
      }
    }
  } catch (e) {
    // The exchange, with Salesforce's answer, is in the transcript; add the conclusion as a step.
    const text =
      e instanceof SalesforceOAuthError
        ? `${e.error}: ${e.errorDescription}`
        : e instanceof FlowError
          ? `${e.code}: ${e.message}`
          : "unexpected error"
    recorder.note(`${action} failed`, text)
    if (!(e instanceof SalesforceOAuthError || e instanceof FlowError))
      console.error(`[inspector] ${action} failed unexpectedly`)
    return back(action.startsWith("api") ? "api" : "actions")
  }
}
