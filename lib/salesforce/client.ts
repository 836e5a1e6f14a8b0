// Over 200 lines: one class, one method per Salesforce endpoint it calls; URL building and answer parsing already live in authorize-url.ts and responses.ts.
import { assetTokenForm, parseAssetTokenResponse, type AssetTokenResponse } from "./asset-token"
import { authorizeUrl, type AuthorizeParams } from "./authorize-url"
import { clientAuthFields, type ClientAuthMethod } from "./client-auth"
import { endpointsFor, type Endpoints } from "./endpoints"
import { FlowError } from "./errors"
export type { AuthorizeParams } from "./authorize-url"
import { exchange, type ExchangeRecorder } from "./http-exchange"
import { isOrgUrl } from "./login-host"
import {
  deviceCodeResponseSchema,
  toDeviceAuthorization,
  type DeviceAuthorization,
} from "./device-code"
import { parseIntrospection, type Introspection } from "./introspection"
import { describeIssues, errorFrom, jsonBody } from "./responses"
import { tokenResponseSchema } from "./token-set"
import type { SalesforceDeviceCodeResponse, SalesforceTokenResponse } from "./wire-types"

export interface ClientOptions {
  loginUrl: string
  clientId: string
  clientSecret: string
  /** Injectable transport: tests pass one that calls the embedded org in-process. */
  fetch?: typeof fetch
  timeoutMs?: number
  record?: ExchangeRecorder
  /** How the code and refresh requests authenticate the client (client-auth.ts); the secret by default. */
  auth?: ClientAuthMethod
  /** Signs a private key JWT client assertion for the given audience. */
  signClientAssertion?: (audience: string) => Promise<string>
}

export interface TokenExchangeParams {
  subjectToken: string
  subjectTokenType: string
  tokenHandler?: string
  scope?: string
}

/** How the client secret travels to the token endpoint: in the form body, or as HTTP Basic. */
export type ClientSecretVia = "body" | "basic"

const FORM = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }

/**
 * A Salesforce OAuth client that knows nothing of Next.js: it builds URLs, makes the back-channel
 * calls, records each exchange, and turns every answer into a typed value or a typed error.
 */
export class SalesforceClient {
  readonly endpoints: Endpoints
  private readonly fetch: typeof fetch
  private readonly timeoutMs: number

  constructor(private readonly o: ClientOptions) {
    this.endpoints = endpointsFor(o.loginUrl)
    this.fetch = o.fetch ?? globalThis.fetch
    this.timeoutMs = o.timeoutMs ?? 10_000
  }

  get loginUrl() {
    return this.o.loginUrl
  }

  get clientId() {
    return this.o.clientId
  }

  authorizeUrl(p: AuthorizeParams): string {
    return authorizeUrl(this.endpoints.authorize, this.o.clientId, p)
  }

  async exchangeCode(
    code: string,
    redirectUri: string,
    codeVerifier: string,
  ): Promise<SalesforceTokenResponse> {
    return this.token("exchange the code", {
      grant_type: "authorization_code",
      code,
      redirect_uri: redirectUri,
      code_verifier: codeVerifier,
      ...(await this.clientAuth()),
    })
  }

  jwtBearer(assertion: string): Promise<SalesforceTokenResponse> {
    return this.token("JWT Bearer token request", {
      grant_type: "urn:ietf:params:oauth:grant-type:jwt-bearer",
      assertion,
    })
  }

  /** SAML Bearer: the signed assertion, base64url-encoded (RFC 7522 §2.1). */
  samlBearer(encodedAssertion: string): Promise<SalesforceTokenResponse> {
    return this.token("SAML Bearer token request", {
      grant_type: "urn:ietf:params:oauth:grant-type:saml2-bearer",
      assertion: encodedAssertion,
    })
  }

  /**
   * Client Credentials: the app's key and secret, in the body (`client_secret_post`) or as HTTP
   * Basic (`client_secret_basic`, RFC 6749 §2.3.1: each part form-encoded first).
   */
  clientCredentials(via: ClientSecretVia): Promise<SalesforceTokenResponse> {
    const { clientId, clientSecret } = this.o
    if (via === "body")
      return this.token("Client Credentials token request", {
        grant_type: "client_credentials",
        client_id: clientId,
        client_secret: clientSecret,
      })
    const basic = Buffer.from(
      `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    ).toString("base64")
    return this.token(
      "Client Credentials token request",
      { grant_type: "client_credentials" },
      { authorization: `Basic ${basic}` },
    )
  }

  /** The asset token flow: an access token and an actor token for an asset token (asset-token.ts). */
  async assetToken(subjectToken: string, actorToken: string): Promise<AssetTokenResponse> {
    const res = await this.call("Asset token request (token exchange)", this.endpoints.token, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams(assetTokenForm(subjectToken, actorToken)).toString(),
    })
    if (res.status !== 200) throw errorFrom(res)
    return parseAssetTokenResponse(jsonBody(res))
  }

  /**
   * Token Exchange (RFC 8693; https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_token_exchange_overview.htm):
   * an external provider's token for Salesforce tokens, the app authenticating with its secret.
   */
  tokenExchange(p: TokenExchangeParams): Promise<SalesforceTokenResponse> {
    return this.token("Token Exchange token request", {
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: p.subjectToken,
      subject_token_type: p.subjectTokenType,
      ...(p.tokenHandler ? { token_handler: p.tokenHandler } : {}),
      ...(p.scope ? { scope: p.scope } : {}),
      client_id: this.o.clientId,
      client_secret: this.o.clientSecret,
    })
  }

  /** The legacy username-password flow: the password goes into this one request, nowhere else. */
  password(username: string, password: string): Promise<SalesforceTokenResponse> {
    return this.token("Username-Password token request", {
      grant_type: "password",
      client_id: this.o.clientId,
      client_secret: this.o.clientSecret,
      username,
      password,
    })
  }

  /**
   * Device flow, step 1: `response_type=device_code` at the token endpoint (Salesforce has no device
   * authorization endpoint). Only the consumer key travels, as a device that cannot keep a secret sends it.
   */
  async requestDeviceCode(scope: string): Promise<DeviceAuthorization> {
    const res = await this.call("request a device code", this.endpoints.token, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        response_type: "device_code",
        client_id: this.o.clientId,
        scope,
      }).toString(),
    })
    if (res.status !== 200) throw errorFrom(res)
    const parsed = deviceCodeResponseSchema.safeParse(jsonBody(res))
    if (!parsed.success)
      throw new FlowError(
        "UNEXPECTED_RESPONSE",
        `the device code response lacks ${describeIssues(parsed.error)}`,
      )
    return toDeviceAuthorization(parsed.data as SalesforceDeviceCodeResponse)
  }

  /** Device flow, step 2: one poll. `authorization_pending` and `slow_down` arrive as SalesforceOAuthErrors. */
  pollDevice(deviceCode: string): Promise<SalesforceTokenResponse> {
    return this.token("poll for the device's tokens", {
      grant_type: "device",
      client_id: this.o.clientId,
      code: deviceCode,
    })
  }

  async refresh(refreshToken: string): Promise<SalesforceTokenResponse> {
    return this.token("refresh the access token", {
      grant_type: "refresh_token",
      refresh_token: refreshToken,
      ...(await this.clientAuth()),
    })
  }

  private clientAuth(): Promise<Record<string, string>> {
    return clientAuthFields({
      method: this.o.auth ?? "secret",
      clientId: this.o.clientId,
      clientSecret: this.o.clientSecret,
      tokenUrl: this.endpoints.token,
      signClientAssertion: this.o.signClientAssertion,
    })
  }

  async revoke(token: string): Promise<void> {
    const res = await this.call("revoke the token", this.endpoints.revoke, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({ token }).toString(),
    })
    if (res.status !== 200) throw errorFrom(res)
  }

  async introspect(
    token: string,
    hint: "access_token" | "refresh_token" = "access_token",
  ): Promise<Introspection> {
    const body = new URLSearchParams({
      token,
      token_type_hint: hint,
      client_id: this.o.clientId,
      client_secret: this.o.clientSecret,
    }).toString()
    const res = await this.call("introspect the token", this.endpoints.introspect, {
      method: "POST",
      headers: FORM,
      body,
    })
    if (res.status !== 200) throw errorFrom(res)
    return parseIntrospection(jsonBody(res))
  }

  async userinfo(accessToken: string): Promise<Record<string, unknown>> {
    return this.getJson("read userinfo", this.endpoints.userinfo, accessToken)
  }

  /** The identity URL, only if it is on the org's own domains (never a forged host). */
  async identity(identityUrl: string, accessToken: string): Promise<Record<string, unknown>> {
    if (!isOrgUrl(identityUrl, this.o.loginUrl))
      throw new FlowError(
        "UNTRUSTED_URL",
        `the identity URL ${identityUrl} is not on the org's domain`,
      )
    return this.getJson("read the identity URL", identityUrl, accessToken)
  }

  /**
   * A REST API GET on the org's instance (`path` starts with `/services/data`). Answers the status
   * and body as they came, so the caller can show an `INVALID_SESSION_ID` for what it is.
   */
  async api(
    instanceUrl: string,
    path: string,
    accessToken: string,
    step = "call the REST API",
  ): Promise<{ status: number; body: unknown }> {
    const url = `${instanceUrl.replace(/\/+$/, "")}${path}`
    if (!isOrgUrl(url, this.o.loginUrl))
      throw new FlowError(
        "UNTRUSTED_URL",
        `the instance URL ${instanceUrl} is not on the org's domain`,
      )
    const res = await this.call(step, url, {
      method: "GET",
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    })
    return { status: res.status, body: jsonBody(res) }
  }

  async jwks(): Promise<{ keys: Record<string, unknown>[] }> {
    const res = await this.call("fetch the org's signing keys", this.endpoints.jwks, {
      method: "GET",
      headers: { accept: "application/json" },
    })
    if (res.status !== 200) throw errorFrom(res)
    return jsonBody(res) as { keys: Record<string, unknown>[] }
  }

  private async getJson(
    step: string,
    url: string,
    accessToken: string,
  ): Promise<Record<string, unknown>> {
    const res = await this.call(step, url, {
      method: "GET",
      headers: { authorization: `Bearer ${accessToken}`, accept: "application/json" },
    })
    if (res.status !== 200) throw errorFrom(res)
    return jsonBody(res) as Record<string, unknown>
  }

  private async token(
    step: string,
    form: Record<string, string>,
    headers: Record<string, string> = {},
  ): Promise<SalesforceTokenResponse> {
    const res = await this.call(step, this.endpoints.token, {
      method: "POST",
      headers: { ...FORM, ...headers },
      body: new URLSearchParams(form).toString(),
    })
    if (res.status !== 200) throw errorFrom(res)
    const parsed = tokenResponseSchema.safeParse(jsonBody(res))
    if (!parsed.success)
      throw new FlowError(
        "UNEXPECTED_RESPONSE",
        `the token response lacks ${describeIssues(parsed.error)}`,
      )
    return parsed.data as SalesforceTokenResponse
  }

  private async call(
    step: string,
    url: string,
    init: { method: string; headers?: Record<string, string>; body?: string },
  ) {
    try {
      return await exchange(step, url, init, {
        fetch: this.fetch,
        timeoutMs: this.timeoutMs,
        record: this.o.record,
      })
    } catch (e) {
      const timedOut = (e as { timedOut?: boolean }).timedOut
      throw new FlowError(
        timedOut ? "TIMEOUT" : "NETWORK",
        `${step}: ${timedOut ? "Salesforce did not answer in time" : "could not reach"} ${new URL(url).origin}`,
        { cause: e },
      )
    }
  }
}
