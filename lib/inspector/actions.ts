import "server-only"
import type { JSONWebKeySet } from "jose"
import { z } from "zod"
import { readSession, sessionSetCookies } from "@/lib/auth/session-cookie"
import type { LabSession } from "@/lib/auth/session-types"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import type { SalesforceClient } from "@/lib/salesforce/client"
import { isOrgUrl } from "@/lib/salesforce/login-host"
import { sameIdentity, toTokenSet } from "@/lib/salesforce/token-set"
import { verifyIdToken, verifyResponseSignature } from "@/lib/salesforce/verify"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import type { Redirect } from "@/lib/http/respond"
import { failedAnswer, keepAnswer, type FactSink } from "@/lib/transcript/facts"

/** The REST API version the inspector's calls use: served by every current org. */
export const API_VERSION = "62.0"
export const DEFAULT_SOQL = "SELECT Id, Name FROM Account LIMIT 5"

export type InspectorAction =
  | "refresh"
  | "introspect"
  | "revoke-access"
  | "revoke-refresh"
  | "api-versions"
  | "api-limits"
  | "api-query"
export const ACTIONS = [
  "refresh",
  "introspect",
  "revoke-access",
  "revoke-refresh",
  "api-versions",
  "api-limits",
  "api-query",
] as const satisfies readonly InspectorAction[]

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
 * A refresh response may only continue this session: the same user (`id`), an instance on the org's
 * domains, and an `id_token`, when there is one, from the same issuer about the same subject (OIDC
 * Core §12.2; docs/security.md, C-46). Otherwise its new access token is revoked and nothing is kept.
 */
async function checkRefreshResponse(
  r: SalesforceTokenResponse,
  session: LabSession,
  org: OrgConnection,
  client: SalesforceClient,
  facts: FactSink,
): Promise<void> {
  try {
    if (!sameIdentity(r.id, session.tokens.identityUrl))
      throw new FlowError(
        "FOREIGN_TOKEN",
        "the refresh response names another user than this session's",
      )
    if (!isOrgUrl(r.instance_url, org.loginUrl))
      throw new FlowError(
        "UNTRUSTED_URL",
        `the refresh response's instance_url (${r.instance_url}) is not on the org's domain`,
      )
    if (r.id_token) {
      const jwks = await keepAnswer(client.jwks() as Promise<JSONWebKeySet>, (value) =>
        facts.fact({ kind: "jwks", value }),
      )
      const payload = await verifyIdToken(r.id_token, {
        jwks,
        issuer: org.loginUrl,
        clientId: org.clientId,
        accessToken: r.access_token,
      })
      if (typeof payload.sub !== "string" || !sameIdentity(payload.sub, session.tokens.identityUrl))
        throw new FlowError(
          "ID_TOKEN_INVALID",
          "the refreshed id_token's sub is not this session's user",
        )
    }
  } catch (e) {
    await client.revoke(r.access_token).catch(() => undefined)
    throw e
  }
}

/** A REST API call whose answer, or failure, the inspector shows as the last API result. */
async function callApi(
  client: SalesforceClient,
  facts: FactSink,
  t: LabSession["tokens"],
  path: string,
  label: string,
): Promise<void> {
  try {
    const { status, body } = await client.api(t.instanceUrl, path, t.accessToken, label)
    facts.fact({ kind: "api", value: { label, status, body } })
  } catch (e) {
    const failed = failedAnswer(e)
    facts.fact({ kind: "api", value: { label, status: failed.status, reason: failed.reason } })
    throw e
  }
}

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
  const client = clientFor(org, recorder)
  const save = async (next: LabSession, anchor: string) =>
    back(anchor, await sessionSetCookies(next))
  try {
    switch (action) {
      case "refresh": {
        if (!t.refreshToken)
          throw new FlowError(
            "MISSING_TOKEN",
            "this session has no refresh token (JWT Bearer and User-Agent flows issue none)",
          )
        const r = await client.refresh(t.refreshToken)
        if (
          !r.signature ||
          !r.issued_at ||
          !verifyResponseSignature(r.id, r.issued_at, r.signature, org.clientSecret)
        ) {
          throw new FlowError(
            "INVALID_SIGNATURE",
            "the refresh response's signature does not verify",
          )
        }
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
            expiry: info?.active
              ? { exp: info.exp, source: "exp from token introspection after the refresh" }
              : session.expiry,
            introspection: info?.active
              ? { status: "pass", detail: "the new access token is active" }
              : session.introspection,
            rotation: rotated
              ? {
                  old: `${t.refreshToken.slice(0, 8)}…`,
                  new: `${fresh.refreshToken!.slice(0, 8)}…`,
                  at: Date.now(),
                }
              : session.rotation,
            revoked: undefined,
          },
          "actions",
        )
      }
      case "introspect": {
        const info = await client.introspect(t.accessToken)
        return await save(
          {
            ...session,
            expiry: info.active
              ? { exp: info.exp, source: "exp from token introspection (Introspect)" }
              : session.expiry,
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

/** The session's secret values the inspector may reveal on request (a same-origin POST). */
export async function revealField(
  field: string,
  cookieHeader: string | null,
): Promise<string | undefined> {
  const s = await readSession(cookieHeader)
  if (!s) return undefined
  const values: Record<string, string | undefined> = {
    access_token: s.tokens.accessToken,
    refresh_token: s.tokens.refreshToken,
    id_token: s.tokens.idToken,
    signature: s.tokens.signature,
    assertion: s.assertion,
  }
  return Object.hasOwn(values, field) ? values[field] : undefined
}
