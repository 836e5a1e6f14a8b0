import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { SalesforceClient } from "@/lib/salesforce/client"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { signAssertion, standardClaims } from "../../_helpers/assertions"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

/** A client whose transport is the embedded org, called in-process (no sockets). */
function client(
  over: Partial<ConstructorParameters<typeof SalesforceClient>[0]> = {},
  exchanges: HttpExchange[] = [],
) {
  const { clientId, clientSecret } = t.org.credentials
  return new SalesforceClient({
    loginUrl: t.base,
    clientId,
    clientSecret,
    fetch: ((input: RequestInfo | URL, init?: RequestInit) =>
      t.org.handle(new Request(input, init))) as typeof fetch,
    record: (e) => exchanges.push(e),
    ...over,
  })
}

const fakeFetch = (body: string, status = 200, type = "text/html") =>
  (async () =>
    new Response(body, { status, headers: { "content-type": type } })) as unknown as typeof fetch

describe("SalesforceClient", () => {
  it("signs in with JWT Bearer against the org and records each exchange", async () => {
    const exchanges: HttpExchange[] = []
    const c = client({}, exchanges)
    const assertion = await signAssertion(
      t.org.credentials.privateKeyPem,
      standardClaims(c.clientId, t.base, "admin@example.com", Date.now()),
    )
    const r = await c.jwtBearer(assertion)
    expect(r.access_token).toMatch(/^00D5g0000LABORG!/)
    const identity = await c.identity(r.id, r.access_token)
    expect(identity.username).toBe("admin@example.com")
    expect(exchanges.map((e) => [e.step, e.method, e.status])).toEqual([
      ["JWT Bearer token request", "POST", 200],
      ["read the identity URL", "GET", 200],
    ])
    expect(exchanges[0]!.url).toBe(`${t.base}/services/oauth2/token`)
  })

  it("turns Salesforce's error body into a SalesforceOAuthError with its exact words", async () => {
    const c = client()
    const assertion = await signAssertion(
      t.org.credentials.privateKeyPem,
      standardClaims(c.clientId, t.base, "demo@example.com", Date.now()),
    )
    await expect(c.jwtBearer(assertion)).rejects.toMatchObject({
      name: "SalesforceOAuthError",
      error: "invalid_grant",
      errorDescription: "user hasn't approved this consumer",
      status: 400,
    })
  })

  it("reports a non-JSON reply, a network failure and a timeout as FlowErrors, never a crash", async () => {
    await expect(
      client({ fetch: fakeFetch("<html>maintenance</html>", 200) }).jwtBearer("x"),
    ).rejects.toMatchObject({ code: "NON_JSON_RESPONSE" })
    await expect(
      client({ fetch: fakeFetch("<html>gateway</html>", 502) }).jwtBearer("x"),
    ).rejects.toMatchObject({ code: "NON_JSON_RESPONSE" })
    const refused = (async () => {
      throw new TypeError("fetch failed")
    }) as unknown as typeof fetch
    await expect(client({ fetch: refused }).jwtBearer("x")).rejects.toMatchObject({
      code: "NETWORK",
    })
    const hang = ((_: unknown, init?: RequestInit) =>
      new Promise((_r, reject) =>
        init?.signal?.addEventListener("abort", () => reject(init.signal!.reason)),
      )) as unknown as typeof fetch
    const err = await client({ fetch: hang, timeoutMs: 50 })
      .jwtBearer("x")
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(FlowError)
    expect((err as FlowError).code).toBe("TIMEOUT")
  })

  it("refuses a token response without the fields every Salesforce response has", async () => {
    const c = client({
      fetch: fakeFetch(JSON.stringify({ access_token: "x" }), 200, "application/json"),
    })
    await expect(c.jwtBearer("x")).rejects.toMatchObject({ code: "UNEXPECTED_RESPONSE" })
  })

  it("F-01 reads plain-text identity errors such as Salesforce's HTTP 403 Bad_OAuth_Token", async () => {
    const c = client()
    const err = await c
      .identity(`${t.base}/id/00D5g0000LABORGEQ5/0055g00000DEMO1AAP`, "bogus")
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SalesforceOAuthError)
    expect((err as SalesforceOAuthError).error).toBe("Bad_OAuth_Token")
    expect((err as SalesforceOAuthError).status).toBe(403)
  })

  it("C-27 never sends a token to an identity URL off the org's domain", async () => {
    let called = false
    const c = client({
      fetch: (async () => ((called = true), new Response("{}"))) as unknown as typeof fetch,
    })
    await expect(c.identity("https://evil.test/id/00D/005", "token")).rejects.toMatchObject({
      code: "UNTRUSTED_URL",
    })
    expect(called).toBe(false)
  })

  it("builds the authorize URL with S256 PKCE, state and nonce", () => {
    const u = new URL(
      client().authorizeUrl({
        responseType: "code",
        redirectUri: "http://site.test/cb",
        scope: "api openid",
        state: "s",
        nonce: "n",
        codeChallenge: "c",
      }),
    )
    expect(u.origin + u.pathname).toBe(`${t.base}/services/oauth2/authorize`)
    expect(Object.fromEntries(u.searchParams)).toMatchObject({
      response_type: "code",
      redirect_uri: "http://site.test/cb",
      scope: "api openid",
      state: "s",
      nonce: "n",
      code_challenge: "c",
      code_challenge_method: "S256",
    })
  })
})
