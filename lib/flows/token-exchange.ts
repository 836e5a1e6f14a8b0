// Over 200 lines: the flow's three steps (sign in at the provider, its callback, the exchange at
// Salesforce) and the mapping read-back share one sealed cookie's shape and its one-time rule;
// splitting them would scatter it.
import "server-only"
import type { LabSession, TokenExchangeRecord } from "@/lib/auth/session-types"
import {
  clearChunkedCookie,
  sealChunkedCookie,
  SealedCookieTooLarge,
  unsealChunkedCookie,
} from "@/lib/auth/sealed-cookie"
import { consumeState } from "@/lib/auth/used-states"
import { idpCallbackUrl } from "@/lib/config/external-idp"
import type { Redirect } from "@/lib/http/respond"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { decodeForDisplay, ExternalIdpClient } from "@/lib/salesforce/external-idp-client"
import { codeChallengeS256, randomToken } from "@/lib/salesforce/pkce"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { TranscriptRecorder } from "@/lib/transcript/recorder"
import { failureCookie, toFailure } from "./shared/flow-error"
import type { TokenRequestPreview } from "./shared/request-preview"
import { signInWithTokenRequest } from "./shared/token-sign-in"

export const TOKEN_EXCHANGE_COOKIE = "sfl_token_exchange"
const PURPOSE = "token exchange flow"
const PATH = "/flows/token-exchange"
const TTL_S = 10 * 60
/**
 * A real provider's id_token and access token run to a few KB each, more than one cookie holds
 * together: the flow cookie takes up to two chunks (about 5.5 KB of tokens), so that beside a
 * session cookie the request's Cookie header stays under the 16 KB a server reads.
 */
const MAX_CHUNKS = 2
const API_VERSION = "62.0"

/** The three subject token types the page offers (Auth.OAuth2TokenExchangeType). */
export const SUBJECT_TYPES = {
  id_token: "urn:ietf:params:oauth:token-type:id_token",
  access_token: "urn:ietf:params:oauth:token-type:access_token",
  jwt: "urn:ietf:params:oauth:token-type:jwt",
} as const
export type SubjectType = keyof typeof SUBJECT_TYPES
export const SUBJECT_TYPE_NAMES = Object.keys(SUBJECT_TYPES) as SubjectType[]

/**
 * The sealed cookie: first the sign-in at the provider under way, then the provider's tokens held
 * for the exchange, under a one-time `jti` (RFC 7519 §4.1.7) that the exchange spends (C-78).
 */
type Sealed =
  | { stage: "idp"; state: string; verifier: string; nonce: string; tid: string }
  | { stage: "ready"; idToken: string; accessToken: string; tid: string; jti: string }
type Ready = Extract<Sealed, { stage: "ready" }>

const hold = (s: Sealed, ttlS: number) =>
  sealChunkedCookie(TOKEN_EXCHANGE_COOKIE, PURPOSE, { ...s }, ttlS, PATH, MAX_CHUNKS)
const readHold = (cookieHeader: string | null) =>
  unsealChunkedCookie<Sealed & { exp: number }>(
    cookieHeader,
    TOKEN_EXCHANGE_COOKIE,
    PURPOSE,
    MAX_CHUNKS,
  )
const release = () => clearChunkedCookie(TOKEN_EXCHANGE_COOKIE, PATH, MAX_CHUNKS)

/** Holds the provider's tokens, or says why a browser cannot carry them and what to do instead. */
async function holdTokens(ready: Ready, ttlS: number): Promise<string[]> {
  try {
    return await hold(ready, ttlS)
  } catch (e) {
    if (!(e instanceof SealedCookieTooLarge)) throw e
    throw new FlowError(
      "TOKENS_TOO_LARGE",
      `the identity provider's tokens (id_token ${ready.idToken.length} + access token ${ready.accessToken.length} characters) are ${e.bytes} bytes sealed, more than the ${e.maxBytes} bytes this site keeps in the browser's cookies until the exchange: ask the provider for smaller tokens (fewer claims, no group or role lists), or run the exchange from your own code (the code to copy on this page)`,
    )
  }
}

export interface ExchangeChoice {
  type: SubjectType
  tokenHandler?: string
  scope?: string
}

/** The flow needs an external provider: the lab's with the embedded org, or SALESFORCE_TOKEN_EXCHANGE_ISSUER. */
function idpOf(org: OrgConnection) {
  const idp = org.config.externalIdp
  if (!idp)
    throw new FlowError(
      "CONFIG_INVALID",
      "the Token Exchange flow needs an external identity provider: set SALESFORCE_TOKEN_EXCHANGE_ISSUER and SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID",
    )
  return idp
}

function idpClient(org: OrgConnection, recorder?: TranscriptRecorder) {
  const idp = idpOf(org)
  return new ExternalIdpClient({
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    fetch: org.fetch,
    record: recorder?.exchange,
  })
}

const fail = async (e: unknown, tid?: string, extra: string[] = []): Promise<Redirect> => ({
  location: "/flows/error",
  cookies: [...extra, await failureCookie(toFailure(e, "token-exchange", { transcriptId: tid }))],
})

/** Step 1: to the provider's login, with state, nonce and a PKCE verifier sealed in the flow cookie. */
export async function startIdpSignIn(): Promise<Redirect> {
  try {
    const org = await orgConnection()
    const recorder = recorderFor(org)
    const client = idpClient(org, recorder)
    const endpoints = await client.discover()
    const s: Sealed = {
      stage: "idp",
      state: randomToken(),
      verifier: randomToken(),
      nonce: randomToken(),
      tid: recorder.id,
    }
    const location = client.authorizeUrl(endpoints, {
      redirectUri: idpCallbackUrl(org.config.siteUrl),
      state: s.state,
      nonce: s.nonce,
      codeChallenge: codeChallengeS256(s.verifier),
      scope: "openid email profile",
    })
    recorder.redirect("Browser → identity provider: authorize (303 from the site)", location)
    return { location, cookies: await hold(s, TTL_S) }
  } catch (e) {
    return fail(e)
  }
}

/**
 * Step 2, the provider's callback: `state` first, then the code (with the verifier) for the
 * provider's tokens, whose id_token is verified; they stay in the sealed cookie, never in the page.
 */
export async function finishIdpSignIn(url: URL, cookieHeader: string | null): Promise<Redirect> {
  const saved = await readHold(cookieHeader)
  // Only the flow's own callback (its state) may end it: a stray or forged one, sent with the Lax
  // cookie by a cross-site link, leaves the sign-in in progress and its held tokens alone.
  let ours = false
  try {
    const q = url.searchParams
    if (!saved || saved.stage !== "idp")
      throw new FlowError(
        "FLOW_EXPIRED",
        "this sign-in was not started in this browser, expired, or was already completed",
      )
    if (q.getAll("state").length !== 1 || q.get("state") !== saved.state)
      throw new FlowError("STATE_MISMATCH", "the callback's state is not the one this browser sent")
    ours = true
    if (!consumeState(saved.state, saved.exp * 1000))
      throw new FlowError("STATE_REUSED", "this sign-in was already completed; start again")
    if (q.get("error"))
      throw new SalesforceOAuthError(q.get("error")!, q.get("error_description") ?? "")
    const code = q.get("code")
    if (!code || code.length > 2048)
      throw new FlowError("MISSING_CODE", "the callback carries no authorization code")
    const org = await orgConnection()
    const recorder = recorderFor(org, saved.tid)
    recorder.redirect("Identity provider → site: callback with the code (303)", url.toString())
    const client = idpClient(org, recorder)
    const endpoints = await client.discover()
    const tokens = await client.exchangeCode(
      endpoints,
      code,
      idpCallbackUrl(org.config.siteUrl),
      saved.verifier,
    )
    await client.verifyIdToken(endpoints, tokens.id_token, saved.nonce)
    const cookies = await holdTokens(
      {
        stage: "ready",
        idToken: tokens.id_token,
        accessToken: tokens.access_token,
        tid: saved.tid,
        jti: randomToken(),
      },
      TTL_S,
    )
    recorder.redirect(
      "Site → browser: back to the flow page, the provider's tokens sealed in its cookie",
      PATH,
    )
    return { location: PATH, cookies }
  } catch (e) {
    return fail(e, saved?.tid, ours ? release() : [])
  }
}

/** What the page may show of the held tokens: their decoded claims, never the tokens. */
export async function heldExternalTokens(cookieHeader: string | null) {
  const saved = await readHold(cookieHeader)
  if (!saved || saved.stage !== "ready") return undefined
  return {
    idToken: decodeForDisplay(saved.idToken),
    accessToken: decodeForDisplay(saved.accessToken),
  }
}

/** The token sent for a type: the id_token as id_token; the JWT access token as access_token and as jwt. */
const tokenFor = (s: Ready, type: SubjectType) => (type === "id_token" ? s.idToken : s.accessToken)

/**
 * Which external claim matched which field of the user Salesforce chose. The org does not say, so
 * the site reads the user record (a SOQL query any API user may run) and compares: the handler's
 * rule in Apex is the org's business, the join it made is visible from outside.
 */
async function readMapping(
  org: OrgConnection,
  recorder: TranscriptRecorder,
  session: LabSession,
  response: SalesforceTokenResponse,
  external: Record<string, unknown>,
  startedAt: number,
): Promise<Pick<TokenExchangeRecord, "mapping" | "created">> {
  const id = session.user.userId
  if (!/^[a-zA-Z0-9]{15,18}$/.test(id)) return {}
  const q = `SELECT Id, Username, Email, FederationIdentifier, CreatedDate FROM User WHERE Id = '${id}'`
  const res = await clientFor(org, recorder)
    .api(
      response.instance_url,
      `/services/data/v${API_VERSION}/query?q=${encodeURIComponent(q)}`,
      response.access_token,
      "Site: read the user the exchange mapped to",
    )
    .catch(() => undefined)
  const user = (res?.body as { records?: Record<string, unknown>[] } | undefined)?.records?.[0]
  if (!user) return {}
  const pairs: [string, string][] = [
    ["email", "Email"],
    ["sub", "FederationIdentifier"],
    ["preferred_username", "Username"],
    ["email", "Username"],
  ]
  const eq = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" && a.toLowerCase() === b.toLowerCase()
  const hit = pairs.find(([claim, field]) => eq(external[claim], user[field]))
  const created =
    typeof user.CreatedDate === "string" && Date.parse(user.CreatedDate) >= startedAt - 1000
  return {
    mapping: hit ? { claim: hit[0], value: String(external[hit[0]]), field: hit[1] } : undefined,
    created,
  }
}

/** The same tokens under a new one-time id, expiring when the spent hold would have. */
async function holdAgain(s: Ready & { exp: number }): Promise<string[]> {
  const leftS = s.exp - Math.floor(Date.now() / 1000)
  if (leftS <= 0) return release()
  const { idToken, accessToken, tid } = s
  return hold({ stage: "ready", idToken, accessToken, tid, jti: randomToken() }, leftS).catch(
    release,
  )
}

/**
 * Step 3: the held token for Salesforce tokens, then the session, as every server-side flow does.
 * The hold is spent before its token goes to Salesforce: a copy of the cookie, which opens until it
 * expires, must not mint another session as the mapped user (C-78). A refused exchange gives the
 * browser that spent it a fresh hold, so it can try another type; the copy stays spent.
 */
export async function runTokenExchange(
  cookieHeader: string | null,
  choice: ExchangeChoice,
): Promise<Redirect> {
  const saved = await readHold(cookieHeader)
  let spent: (Ready & { exp: number }) | undefined
  try {
    if (!saved || saved.stage !== "ready" || !saved.jti)
      throw new FlowError(
        "FLOW_EXPIRED",
        "sign in at the identity provider first: no external token is held for this browser (or it expired)",
      )
    if (!consumeState(saved.jti, saved.exp * 1000))
      throw new FlowError(
        "STATE_REUSED",
        "these provider tokens were already exchanged; sign in at the identity provider again",
      )
    spent = saved
    const org = await orgConnection()
    const recorder = recorderFor(org, saved.tid)
    const subjectToken = tokenFor(saved, choice.type)
    recorder.know({ kind: "subject_token", value: subjectToken })
    const client = clientFor(org, recorder)
    const startedAt = Date.now()
    const decoded = decodeForDisplay(subjectToken)
    const result = await signInWithTokenRequest(
      "token-exchange",
      org,
      client,
      recorder,
      () =>
        client.tokenExchange({
          subjectToken,
          subjectTokenType: SUBJECT_TYPES[choice.type],
          tokenHandler: choice.tokenHandler,
          scope: choice.scope,
        }),
      {
        extend: async (session, response) => {
          const claims = (decoded?.claims ?? {}) as Record<string, unknown>
          session.exchange = {
            subjectTokenType: SUBJECT_TYPES[choice.type],
            issuedTokenType: response.issued_token_type,
            tokenHandler: choice.tokenHandler,
            external: { header: decoded?.header ?? {}, claims },
            ...(await readMapping(org, recorder, session, response, claims, startedAt)),
          }
          return session
        },
      },
    )
    // Signed in: the provider's tokens have done their job and leave the browser's cookies.
    result.cookies.push(...(result.location === "/inspector" ? release() : await holdAgain(saved)))
    return result
  } catch (e) {
    return fail(e, saved?.tid, spent ? await holdAgain(spent) : [])
  }
}

/** The exchange request as the site sends it, for the page (the token and secret as placeholders). */
export function previewTokenExchange(
  org: OrgConnection,
  choice: ExchangeChoice,
  clientIdShown: string,
): TokenRequestPreview {
  const body = new URLSearchParams({
    grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
    subject_token: "<the provider's token>",
    subject_token_type: SUBJECT_TYPES[choice.type],
    ...(choice.tokenHandler ? { token_handler: choice.tokenHandler } : {}),
    ...(choice.scope ? { scope: choice.scope } : {}),
    client_id: clientIdShown,
    client_secret: "<consumer secret>",
  })
  return {
    method: "POST" as const,
    url: `${org.loginUrl.replace(/\/+$/, "")}/services/oauth2/token`,
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Accept", "application/json"],
    ] as [string, string][],
    body: decodeURIComponent(body.toString()).replace(/\+/g, " "),
  }
}
