import {
  createLocalJWKSet,
  decodeJwt,
  decodeProtectedHeader,
  jwtVerify,
  type JWTPayload,
} from "jose"
import { z } from "zod"
import { FlowError } from "./errors"
import { exchange, type ExchangeRecorder } from "./http-exchange"
import { jsonBody } from "./responses"

/** What the site needs of the provider's discovery document (OpenID Connect Discovery 1.0 §3). */
const discoverySchema = z.object({
  issuer: z.string(),
  authorization_endpoint: z.string().url(),
  token_endpoint: z.string().url(),
  jwks_uri: z.string().url(),
})
export type IdpEndpoints = z.infer<typeof discoverySchema>

const tokenSchema = z.object({
  access_token: z.string().min(1).max(8192),
  id_token: z.string().min(1).max(16384),
  token_type: z.string().regex(/^bearer$/i),
  expires_in: z.number().optional(),
  scope: z.string().optional(),
})
export type IdpTokens = z.infer<typeof tokenSchema>

export interface ExternalIdpClientOptions {
  issuer: string
  clientId: string
  clientSecret?: string
  fetch?: typeof fetch
  record?: ExchangeRecorder
  timeoutMs?: number
}

/** https, or plain http on loopback only (the lab's own provider). */
function trusted(url: string): boolean {
  const u = new URL(url)
  return (
    u.protocol === "https:" ||
    (u.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(u.hostname))
  )
}

/**
 * The site as a client of the external identity provider: discovery, the authorization-code
 * exchange with PKCE, and the id_token check (RS256 pinned, iss, aud, exp, nonce). Knows nothing
 * of Next; every exchange is recorded, as the Salesforce client's are.
 */
export class ExternalIdpClient {
  private readonly fetch: typeof fetch
  constructor(private readonly o: ExternalIdpClientOptions) {
    this.fetch = o.fetch ?? globalThis.fetch
  }

  private call(
    step: string,
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ) {
    return exchange(step, url, init, {
      fetch: this.fetch,
      timeoutMs: this.o.timeoutMs ?? 10_000,
      record: this.o.record,
    }).catch((e: unknown) => {
      throw new FlowError("NETWORK", `${step}: could not reach ${new URL(url).origin}`, {
        cause: e,
      })
    })
  }

  async discover(): Promise<IdpEndpoints> {
    // "any terminating / MUST be removed before appending /.well-known/openid-configuration"
    // (OpenID Connect Discovery 1.0 §4); the issuer itself is compared as written.
    const url = `${this.o.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`
    const res = await this.call("External IdP: discovery", url, {
      method: "GET",
      headers: { accept: "application/json" },
    })
    const parsed = discoverySchema.safeParse(res.status === 200 ? jsonBody(res) : undefined)
    if (!parsed.success || parsed.data.issuer !== this.o.issuer)
      throw new FlowError(
        "UNEXPECTED_RESPONSE",
        `the identity provider's discovery document at ${url} is missing or names another issuer`,
      )
    const d = parsed.data
    for (const u of [d.authorization_endpoint, d.token_endpoint, d.jwks_uri])
      if (!trusted(u))
        throw new FlowError("UNTRUSTED_URL", `the identity provider's endpoint ${u} is not https`)
    return d
  }

  authorizeUrl(
    e: IdpEndpoints,
    p: { redirectUri: string; state: string; nonce: string; codeChallenge: string; scope: string },
  ): string {
    const u = new URL(e.authorization_endpoint)
    u.search = new URLSearchParams({
      response_type: "code",
      client_id: this.o.clientId,
      redirect_uri: p.redirectUri,
      scope: p.scope,
      state: p.state,
      nonce: p.nonce,
      code_challenge: p.codeChallenge,
      code_challenge_method: "S256",
    }).toString()
    return u.toString()
  }

  async exchangeCode(
    e: IdpEndpoints,
    code: string,
    redirectUri: string,
    verifier: string,
  ): Promise<IdpTokens> {
    const form: Record<string, string> = {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
      client_id: this.o.clientId,
    }
    if (this.o.clientSecret) form.client_secret = this.o.clientSecret
    const res = await this.call("External IdP: code → tokens", e.token_endpoint, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: new URLSearchParams(form).toString(),
    })
    const body = jsonBody(res) as Record<string, unknown> | undefined
    if (res.status !== 200) {
      const err = typeof body?.error === "string" ? body.error : `HTTP ${res.status}`
      throw new FlowError(
        "EXTERNAL_IDP",
        `the identity provider refused the code: ${err}${typeof body?.error_description === "string" ? `: ${body.error_description}` : ""}`,
      )
    }
    const parsed = tokenSchema.safeParse(body)
    if (!parsed.success)
      throw new FlowError(
        "UNEXPECTED_RESPONSE",
        "the identity provider's token response lacks an id_token or access_token",
      )
    return parsed.data
  }

  /** Verifies the provider's id_token before the site uses it for anything (OIDC Core §3.1.3.7). */
  async verifyIdToken(e: IdpEndpoints, idToken: string, nonce: string): Promise<JWTPayload> {
    const res = await this.call("External IdP: signing keys", e.jwks_uri, {
      method: "GET",
      headers: { accept: "application/json" },
    })
    try {
      const { payload } = await jwtVerify(idToken, createLocalJWKSet(jsonBody(res) as never), {
        algorithms: ["RS256"],
        issuer: this.o.issuer,
        audience: this.o.clientId,
      })
      if (payload.nonce !== nonce) throw new Error("nonce")
      return payload
    } catch (err) {
      throw new FlowError(
        "ID_TOKEN_INVALID",
        `the identity provider's id_token does not verify (${err instanceof Error ? err.message : "?"})`,
      )
    }
  }
}

/** A JWT's header and claims, decoded without verification, for display only. */
export function decodeForDisplay(
  token: string,
): { header: Record<string, unknown>; claims: JWTPayload } | undefined {
  try {
    return {
      header: decodeProtectedHeader(token) as Record<string, unknown>,
      claims: decodeJwt(token),
    }
  } catch {
    return undefined
  }
}
