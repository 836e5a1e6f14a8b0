// Over 200 lines: one suite per flow file (lib/flows/web-server.ts), its security cases side by side.
import crypto from "node:crypto"
import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import { runAuthorize, TestBrowser } from "../../_helpers/browser"
import {
  failureOf,
  isTokenRequest,
  rewriteJson,
  sessionOf,
  startSiteHarness,
  webServerCallback,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The Web Server callback (lib/flows/web-server.ts) against a tampered browser and a hostile or
 * misbehaving org (docs/security.md, C-01–C-11, C-35–C-49, C-70–C-73, C-78): every case ends on the error page
 * with no session (EF1, EF2) and the one-time cookie cleared (EF3), unless the callback's state is
 * not the flow's: then the cookie belongs to a sign-in still in progress and stays; what a local check can catch
 * makes no back-channel call (EF4); an id_token that fails is refused before userinfo or the
 * identity URL is asked anything, and the tokens already issued are revoked.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

async function finish(callback: URL, cookie: string) {
  const { finishWebServer } = await import("@/lib/flows/web-server")
  return finishWebServer(callback, cookie)
}

async function expectRefused(
  r: { location: string; cookies: string[] },
  failure: Record<string, unknown>,
  flowCookie: "cleared" | "kept" = "cleared",
) {
  expect(r.location).toBe("/flows/error")
  expect(await sessionOf(r.cookies)).toBeUndefined()
  expect(await failureOf(r.cookies)).toMatchObject(failure)
  expect(r.cookies.some((c) => /^sfl_web_server=; .*Max-Age=0/.test(c))).toBe(
    flowCookie === "cleared",
  )
}

/** Re-signs the org's id_token with `edit`ed claims, with the org's own key unless told otherwise. */
async function resign(
  token: string,
  edit: (c: Record<string, unknown>) => Record<string, unknown>,
  key?: crypto.KeyObject,
  header: Record<string, unknown> = {},
) {
  const claims = edit({ ...decodeJwt(token) })
  return new SignJWT(claims)
    .setProtectedHeader({ ...decodeProtectedHeader(token), alg: "RS256", ...header })
    .sign(key ?? h.t.org.ctx.signingKey.privateKey)
}

const hmacJwt = (claims: Record<string, unknown>, key: string | Buffer) => {
  const input = `${Buffer.from(JSON.stringify({ alg: "HS256", typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify(claims)).toString("base64url")}`
  return `${input}.${crypto.createHmac("sha256", key).update(input).digest("base64url")}`
}

/** Makes the org's next successful token response carry `edit(body)`. */
function tokenFault(
  edit: (b: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>,
) {
  h.fault = (req, res) => (isTokenRequest(req) && res.status === 200 ? rewriteJson(res, edit) : res)
}

const revokedAfterFailure = () => h.paths().includes("/services/oauth2/revoke")
const askedAboutUser = () =>
  h.paths().some((p) => p === "/services/oauth2/userinfo" || p.startsWith("/id/00D"))

it("completes a Web Server flow when nothing is tampered with (the control case)", async () => {
  const { callback, cookie } = await webServerCallback(h)
  const r = await finish(callback, cookie)
  expect(r.location).toBe("/inspector")
  expect((await sessionOf(r.cookies))?.user.username).toBe("demo@example.com")
})

describe("the one-time flow cookie", () => {
  it("C-06 a tampered sealed state/PKCE/nonce cookie, or one planted from another flow, fails before any token request", async () => {
    const { callback, cookie } = await webServerCallback(h)
    const value = cookie.split("=")[1]!
    const flipped = `sfl_web_server=${value.slice(0, 60)}${value[60] === "A" ? "B" : "A"}${value.slice(61)}`
    await expectRefused(await finish(callback, flipped), { code: "FLOW_EXPIRED" })
    const other = await webServerCallback(h, {
      username: "admin@example.com",
      password: "admin1234",
    })
    h.reset()
    await expectRefused(await finish(callback, other.cookie), { code: "STATE_MISMATCH" }, "kept")
    expect(h.tokenCalls()).toHaveLength(0)
  })

  it("C-10 another session's verifier cookie fails: on state first, and with its state forged in, at PKCE, which burns the code", async () => {
    const a = await webServerCallback(h)
    const b = await webServerCallback(h, { username: "admin@example.com", password: "admin1234" })
    h.reset()
    await expectRefused(await finish(a.callback, b.cookie), { code: "STATE_MISMATCH" }, "kept")
    expect(h.tokenCalls()).toHaveLength(0)
    const injected = new URL(a.callback)
    injected.searchParams.set("state", b.authorize.searchParams.get("state")!)
    await expectRefused(await finish(injected, b.cookie), {
      error: "invalid_grant",
      errorDescription: "invalid code verifier",
    })
    expect(h.tokenCalls()).toHaveLength(1)
    // RFC 7636 §4.6 with the @node-oauth/oauth2-server lesson: the failed attempt consumed A's code.
    await expectRefused(await finish(a.callback, a.cookie), { error: "invalid_grant" })
  })

  it("C-78 a copied cookie replayed with its callback after the sign-in completed fails inside its 10 minutes: no session, no token request", async () => {
    const { callback, cookie } = await webServerCallback(h)
    expect((await finish(callback, cookie)).location).toBe("/inspector")
    h.reset()
    // The copy still opens (it has minutes left): only the server's record of the used state stops it.
    const { unsealCookie } = await import("@/lib/auth/sealed-cookie")
    expect(await unsealCookie(cookie, "sfl_web_server", "web server flow")).toBeDefined()
    await expectRefused(await finish(callback, cookie), { code: "STATE_REUSED" })
    expect(h.tokenCalls()).toHaveLength(0)
    expect(h.log).toHaveLength(0)
  })

  it("C-78 a state another instance sharing the data folder already used is refused here before any token request, and the other way round", async () => {
    const { openUsedStates } = await import("@/lib/auth/used-states")
    const other = openUsedStates(process.env.SALESFORCE_LAB_DATA_DIR!)
    try {
      const first = await webServerCallback(h)
      h.reset()
      const state = first.callback.searchParams.get("state")!
      expect(other.consume(state, Date.now() + 10 * 60 * 1000)).toBe(true)
      await expectRefused(await finish(first.callback, first.cookie), { code: "STATE_REUSED" })
      expect(h.tokenCalls()).toHaveLength(0)

      const second = await webServerCallback(h)
      expect((await finish(second.callback, second.cookie)).location).toBe("/inspector")
      const used = second.callback.searchParams.get("state")!
      expect(other.consume(used, Date.now() + 10 * 60 * 1000)).toBe(false)
    } finally {
      other.close()
    }
  })
})

describe("error responses from the org", () => {
  it("C-07 access_denied with a valid state lands on the error page with Salesforce's words, no token request, cookie cleared", async () => {
    const { callback, cookie } = await webServerCallback(h)
    const denied = new URL(callback)
    denied.searchParams.delete("code")
    denied.searchParams.set("error", "access_denied")
    denied.searchParams.set("error_description", "end-user denied authorization")
    await expectRefused(await finish(denied, cookie), {
      error: "access_denied",
      errorDescription: "end-user denied authorization",
    })
    denied.searchParams.delete("state")
    await expectRefused(await finish(denied, cookie), { code: "STATE_MISSING" }, "kept")
    expect(h.tokenCalls()).toHaveLength(0)
  })
})

describe("the code and redirect_uri", () => {
  it("C-13 a code the org issued to another redirect_uri is refused: the site sends its own canonical redirect_uri", async () => {
    const { startWebServer } = await import("@/lib/flows/web-server")
    const start = await startWebServer()
    const params = Object.fromEntries(new URL(start.location).searchParams)
    // A lenient or compromised AS delivered the code for another (registered) redirect_uri.
    const run = await runAuthorize(new TestBrowser(h.t), h.t, {
      ...params,
      redirect_uri: `${h.site}/flows/user-agent/callback`,
    })
    const code = new URL(run.location!).searchParams.get("code")!
    const injected = new URL(
      `${h.site}/flows/web-server/callback?code=${encodeURIComponent(code)}&state=${params.state}`,
    )
    h.reset()
    await expectRefused(
      await finish(injected, start.cookies.map((c) => c.split(";")[0]).join("; ")),
      { error: "redirect_uri_mismatch" },
    )
    expect(new URLSearchParams(h.tokenCalls()[0]!.body).get("redirect_uri")).toBe(
      `${h.site}/flows/web-server/callback`,
    )
  })

  it("C-71 oversized, duplicated and garbage callback parameters are refused without a token request", async () => {
    const { callback, cookie } = await webServerCallback(h)
    const state = callback.searchParams.get("state")!
    const code = callback.searchParams.get("code")!
    const cases = [
      `code=${code}&state=${"s".repeat(8192)}`,
      `code=${code}&state=${state}&state=${state}`,
      `code=${code}&code=${code}&state=${state}`,
      `code=${"c".repeat(64 * 1024)}&state=${state}`,
      `code=${code}&state=%00%C0%AF%`,
      `code=%0d%0aSet-Cookie:x=y&state=${encodeURIComponent(state)}%0d%0a`,
    ]
    for (const q of cases) {
      const r = await finish(new URL(`${h.site}/flows/web-server/callback?${q}`), cookie)
      expect(r.location).toBe("/flows/error")
      expect(await sessionOf(r.cookies)).toBeUndefined()
    }
    expect(h.tokenCalls()).toHaveLength(0)
  })
})

describe("the token response (fault injection at the org)", () => {
  it("C-47 a tampered signature, id or issued_at is refused before the token is used, and the issued tokens are revoked", async () => {
    const edits: ((b: Record<string, unknown>) => Record<string, unknown>)[] = [
      (b) => ({ ...b, signature: Buffer.alloc(32, 7).toString("base64") }),
      (b) => ({ ...b, issued_at: String(Number(b.issued_at) + 1) }),
      (b) => ({ ...b, id: String(b.id).replace(/.$/, (c) => (c === "A" ? "B" : "A")) }),
      (b) => ({ ...b, signature: undefined }),
    ]
    for (const edit of edits) {
      const { callback, cookie } = await webServerCallback(h)
      h.reset()
      tokenFault(edit)
      await expectRefused(await finish(callback, cookie), {
        code: expect.stringMatching(/^(INVALID_SIGNATURE|UNEXPECTED_RESPONSE)$/),
      })
      expect(askedAboutUser()).toBe(false)
      expect(revokedAfterFailure()).toBe(true)
    }
  })

  it("C-48 a non-JSON 200, HTML, a response without access_token, a non-Bearer token_type and a 5 MB body are refused; a lower-case bearer is fine", async () => {
    const bodies: [string, string][] = [
      ["text/html", "<html><body>Service Unavailable</body></html>"],
      ["application/json", "not json"],
      [
        "application/json",
        JSON.stringify({
          instance_url: h.loginUrl,
          id: `${h.loginUrl}/id/00D5g0000LABORGEQ5/0055g00000DEMO1AAP`,
          token_type: "Bearer",
        }),
      ],
      ["application/json", `{"access_token":"${"x".repeat(5 * 1024 * 1024)}"}`],
    ]
    for (const [type, body] of bodies) {
      const { callback, cookie } = await webServerCallback(h)
      h.reset()
      h.fault = (req, res) =>
        isTokenRequest(req)
          ? new Response(body, { status: 200, headers: { "content-type": type } })
          : res
      await expectRefused(await finish(callback, cookie), {
        code: expect.stringMatching(/^(NON_JSON_RESPONSE|UNEXPECTED_RESPONSE)$/),
      })
      expect(askedAboutUser()).toBe(false)
    }
    const mac = await webServerCallback(h)
    tokenFault((b) => ({ ...b, token_type: "MAC" }))
    await expectRefused(await finish(mac.callback, mac.cookie), {
      code: "UNEXPECTED_RESPONSE",
      message: expect.stringContaining("token_type"),
    })
    const lower = await webServerCallback(h)
    tokenFault((b) => ({ ...b, token_type: "bearer" }))
    expect((await finish(lower.callback, lower.cookie)).location).toBe("/inspector")
  })

  it("C-48 a token endpoint that never finishes its answer is abandoned after the client's timeout, as TIMEOUT", async () => {
    const { SalesforceClient } = await import("@/lib/salesforce/client")
    // Headers at once, then a body that never ends: the timeout must cover the body too.
    const stalling = (async (_url: string, init: RequestInit) =>
      new Response(
        new ReadableStream({
          start: (c) => {
            c.enqueue(new TextEncoder().encode('{"access_token":"'))
            init.signal?.addEventListener("abort", () => c.error(init.signal!.reason))
          },
        }),
        { status: 200 },
      )) as unknown as typeof fetch
    const client = new SalesforceClient({
      loginUrl: h.loginUrl,
      clientId: h.clientId,
      clientSecret: h.clientSecret,
      fetch: stalling,
      timeoutMs: 300,
    })
    const started = Date.now()
    await expect(
      client.exchangeCode("code", `${h.site}/flows/web-server/callback`, "verifier"),
    ).rejects.toMatchObject({ code: "TIMEOUT" })
    expect(Date.now() - started).toBeLessThan(2000)
  })

  it("C-69 an upstream 500 with a stack trace is reported as a generic failure that does not repeat the body", async () => {
    const { callback, cookie } = await webServerCallback(h)
    h.fault = (req, res) =>
      isTokenRequest(req)
        ? new Response(
            "<pre>java.lang.NullPointerException at com.internal.Secret(http://10.0.0.7/admin)</pre>",
            { status: 500, headers: { "content-type": "text/html" } },
          )
        : res
    const r = await finish(callback, cookie)
    await expectRefused(r, { code: "NON_JSON_RESPONSE" })
    expect(JSON.stringify(await failureOf(r.cookies))).not.toMatch(/NullPointer|10\.0\.0\.7/)
  })

  it("C-25 a response whose id names another user (signature recomputed by a misbehaving org) is refused: the identity comes from the token", async () => {
    const { callback, cookie } = await webServerCallback(h)
    tokenFault((b) => {
      const id = String(b.id).replace(/\/005\w+$/, "/0055g00000ADMN1AAA")
      return { ...b, id, signature: responseSignature(h.clientSecret, id, String(b.issued_at)) }
    })
    await expectRefused(await finish(callback, cookie), {
      code: expect.stringMatching(/^(ID_TOKEN_INVALID|FOREIGN_TOKEN)$/),
    })
    expect(revokedAfterFailure()).toBe(true)
  })

  it("C-43 a userinfo answer about another user is not used: the sign-in fails", async () => {
    const { callback, cookie } = await webServerCallback(h)
    h.fault = (req, res) =>
      new URL(req.url).pathname.endsWith("/oauth2/userinfo") && res.status === 200
        ? rewriteJson(res, (b) => ({
            ...b,
            sub: String(b.sub).replace(/\/005\w+$/, "/0055g00000ADMN1AAA"),
          }))
        : res
    await expectRefused(await finish(callback, cookie), {
      code: "FOREIGN_TOKEN",
      message: expect.stringContaining("userinfo"),
    })
  })
})

describe("the id_token (fault injection at the org, OIDC Core §3.1.3.7)", () => {
  const other = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
  const cases: [string, (t: string) => Promise<string> | string][] = [
    ["C-35 signed by another key", (t) => resign(t, (c) => c, other.privateKey)],
    [
      "C-35 payload altered after signing",
      (t) => {
        const [a, , s] = t.split(".")
        return `${a}.${Buffer.from(JSON.stringify({ ...decodeJwt(t), sub: "x" })).toString("base64url")}.${s}`
      },
    ],
    [
      "C-36 alg none",
      (t) =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString("base64url")}.${t.split(".")[1]}.`,
    ],
    ["C-37 HS256 keyed with the client secret", (t) => hmacJwt(decodeJwt(t), h.clientSecret)],
    [
      "C-37 HS256 keyed with the org's public key (key confusion)",
      (t) =>
        hmacJwt(
          decodeJwt(t),
          Buffer.from(
            crypto
              .createPublicKey(h.t.org.ctx.signingKey.privateKey)
              .export({ type: "spki", format: "pem" }),
          ),
        ),
    ],
    ["C-39 another aud", (t) => resign(t, (c) => ({ ...c, aud: "3MVG9SomeoneElse" }))],
    ["C-39 no aud", (t) => resign(t, ({ aud: _aud, ...c }) => c)],
    [
      "C-39 an extra untrusted audience",
      (t) => resign(t, (c) => ({ ...c, aud: [c.aud, "3MVG9SomeoneElse"] })),
    ],
    [
      "C-39 azp naming another client",
      (t) => resign(t, (c) => ({ ...c, azp: "3MVG9SomeoneElse" })),
    ],
    [
      "C-33 C-40 another issuer (test vs login)",
      (t) => resign(t, (c) => ({ ...c, iss: "https://test.salesforce.com" })),
    ],
    ["C-40 no iss", (t) => resign(t, ({ iss: _iss, ...c }) => c)],
    [
      "C-41 exp in the past",
      (t) => resign(t, (c) => ({ ...c, exp: Math.floor(Date.now() / 1000) - 600 })),
    ],
    ["C-41 no exp", (t) => resign(t, ({ exp: _exp, ...c }) => c)],
    ["C-41 no iat", (t) => resign(t, ({ iat: _iat, ...c }) => c)],
    [
      "C-41 iat a week old",
      (t) => resign(t, (c) => ({ ...c, iat: Math.floor(Date.now() / 1000) - 7 * 86400 })),
    ],
    [
      "C-41 iat in the future",
      (t) => resign(t, (c) => ({ ...c, iat: Math.floor(Date.now() / 1000) + 3600 })),
    ],
    ["C-42 another nonce", (t) => resign(t, (c) => ({ ...c, nonce: "someone-elses-nonce" }))],
    ["C-42 no nonce", (t) => resign(t, ({ nonce: _nonce, ...c }) => c)],
    ["C-43 no sub", (t) => resign(t, ({ sub: _sub, ...c }) => c)],
    [
      "C-44 a jwk header carrying the attacker's key",
      async (t) =>
        resign(t, (c) => c, other.privateKey, { jwk: other.publicKey.export({ format: "jwk" }) }),
    ],
    ["C-44 an unknown kid", (t) => resign(t, (c) => c, other.privateKey, { kid: "attacker-kid" })],
    [
      "C-45 at_hash of another token",
      (t) =>
        resign(t, (c) => ({
          ...c,
          at_hash: crypto
            .createHash("sha256")
            .update("other")
            .digest()
            .subarray(0, 16)
            .toString("base64url"),
        })),
    ],
  ]
  for (const [name, forge] of cases) {
    it(`${name}: refused before userinfo or the identity URL, tokens revoked`, async () => {
      const { callback, cookie } = await webServerCallback(h)
      h.reset()
      tokenFault(async (b) => ({ ...b, id_token: await forge(String(b.id_token)) }))
      await expectRefused(await finish(callback, cookie), { code: "ID_TOKEN_INVALID" })
      expect(askedAboutUser()).toBe(false)
      expect(revokedAfterFailure()).toBe(true)
    })
  }

  it("C-42 an id_token replayed from an earlier login (its nonce) is refused", async () => {
    let old: string | undefined
    const first = await webServerCallback(h)
    tokenFault((b) => ((old = String(b.id_token)), b))
    await finish(first.callback, first.cookie)
    const second = await webServerCallback(h)
    tokenFault((b) => ({ ...b, id_token: old }))
    await expectRefused(await finish(second.callback, second.cookie), {
      code: "ID_TOKEN_INVALID",
      message: expect.stringMatching(/nonce|at_hash/),
    })
  })

  it("C-42 a response without the id_token that openid asked for is refused", async () => {
    const { callback, cookie } = await webServerCallback(h)
    tokenFault(({ id_token: _t, ...b }) => b)
    await expectRefused(await finish(callback, cookie), { code: "ID_TOKEN_INVALID" })
  })
})
