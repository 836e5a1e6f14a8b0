// Over 200 lines: the Token Exchange flow's three steps share one harness (the lab provider on a loopback port, re-signing its tokens larger), which the cases use side by side.
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { decodeJwt, decodeProtectedHeader, SignJWT } from "jose"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { LAB_IDP_CLIENT_ID } from "@/lib/config/external-idp"
import {
  defaultHandlerSettings,
  saveHandlerSettings,
} from "@/lib/emulator/store/token-exchange-handler"
import { createIdp, type Idp } from "@/lib/idp/idp"
import { serve } from "../../_helpers/serve"
import {
  cookieHeader,
  failureOf,
  sessionOf,
  startSiteHarness,
  withCookies,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The Token Exchange flow's three steps (lib/flows/token-exchange.ts) against the embedded org and
 * the lab identity provider, each on a loopback port: the provider's tokens held in the sealed flow
 * cookie between its callback and the exchange, then spent once (docs/security.md, C-78, C-180).
 */
let h: SiteHarness
let idp: Idp
let idpUrl: string
let closeIdp: () => Promise<void>
/** Characters added to each of the provider's tokens: a real provider's tokens run to kilobytes. */
let padding = 0
/** The lengths of the last tokens the provider gave out. */
let issued: number[] = []

beforeAll(async () => {
  h = await startSiteHarness()
  const server = await serve(async (req) => {
    const res = await idp.handle(req)
    return padding && new URL(req.url).pathname === "/token" ? padTokens(res, padding) : res
  })
  idpUrl = server.origin
  closeIdp = server.close
  idp = await createIdp({
    issuer: idpUrl,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-idp-")),
    clients: [
      {
        clientId: LAB_IDP_CLIENT_ID,
        redirectUris: [`${h.site}/flows/token-exchange/idp-callback`],
      },
    ],
  })
  // The org's handler trusts this provider; the site signs in there (read once, at first use).
  saveHandlerSettings(h.t.org.ctx.db, defaultHandlerSettings(idpUrl))
  Object.assign(process.env, {
    SALESFORCE_TOKEN_EXCHANGE_ISSUER: idpUrl,
    SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID: LAB_IDP_CLIENT_ID,
  })
})
afterAll(async () => {
  await h.close()
  await closeIdp()
})
beforeEach(() => {
  h.reset()
  padding = 0
})

/** The provider's answer with both tokens grown by `n` characters of claims, re-signed with its key. */
async function padTokens(res: Response, n: number): Promise<Response> {
  const body = (await res.json()) as { access_token: string; id_token: string }
  const resign = (token: string, extra: Record<string, unknown>) =>
    new SignJWT({ ...decodeJwt(token), ...extra })
      .setProtectedHeader(decodeProtectedHeader(token) as { alg: string })
      .sign(idp.keys.privateKey)
  const access_token = await resign(body.access_token, { groups: "g".repeat(n) })
  const at_hash = crypto
    .createHash("sha256")
    .update(access_token)
    .digest()
    .subarray(0, 16)
    .toString("base64url")
  const id_token = await resign(body.id_token, { at_hash, groups: "g".repeat(n) })
  issued = [id_token.length, access_token.length]
  return Response.json({ ...body, access_token, id_token })
}

/** Steps 1 and 2: the site's redirect to the provider, its login form, the callback. */
async function signInAtProvider(username = "ext-demo@idp.example") {
  const { finishIdpSignIn, startIdpSignIn } = await import("@/lib/flows/token-exchange")
  const start = await startIdpSignIn()
  const page = await fetch(start.location)
  const browser = page.headers.get("set-cookie")!.split(";")[0]!
  const fields = Object.fromEntries(
    [...(await page.text()).matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      (m) => [m[1]!, m[2]!],
    ),
  )
  const login = await fetch(`${idpUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie: browser,
      origin: idpUrl,
    },
    body: new URLSearchParams({ ...fields, username, password: "ext1234" }).toString(),
  })
  const callback = new URL(login.headers.get("location")!)
  const done = await finishIdpSignIn(callback, cookieHeader(start.cookies))
  return { done, jar: withCookies(cookieHeader(start.cookies), done.cookies) }
}

async function exchange(jar: string, type: "id_token" | "access_token" | "jwt" = "id_token") {
  const { runTokenExchange } = await import("@/lib/flows/token-exchange")
  return runTokenExchange(jar, { type })
}

describe("the held provider tokens are spent once", () => {
  it("signs in as the mapped user (the control case)", async () => {
    const { done, jar } = await signInAtProvider()
    expect(done.location).toBe("/flows/token-exchange")
    const r = await exchange(jar)
    expect(r.location).toBe("/inspector")
    expect((await sessionOf(r.cookies))?.user.username).toBe("demo@example.com")
  })

  it("C-78 a copy of the flow cookie replayed after the exchange signed in fails with STATE_REUSED inside its 10 minutes: no session, no token request", async () => {
    const { jar } = await signInAtProvider()
    const first = await exchange(jar)
    expect(first.location).toBe("/inspector")
    h.reset()
    const replay = await exchange(jar)
    expect(replay.location).toBe("/flows/error")
    expect(await sessionOf(replay.cookies)).toBeUndefined()
    expect(await failureOf(replay.cookies)).toMatchObject({ code: "STATE_REUSED" })
    expect(h.tokenCalls()).toHaveLength(0)
    // Another type does not make it new either.
    expect((await failureOf((await exchange(jar, "access_token")).cookies))?.code).toBe(
      "STATE_REUSED",
    )
  })

  it("C-78 a refused exchange hands the browser a fresh hold to try another type; the spent cookie stays spent", async () => {
    const { jar } = await signInAtProvider()
    // The lab handler does not accept the jwt type: Salesforce refuses, nothing is issued.
    const refused = await exchange(jar, "jwt")
    expect(refused.location).toBe("/flows/error")
    expect((await failureOf(refused.cookies))?.error).toBe("invalid_request")
    const retry = await exchange(withCookies(jar, refused.cookies), "id_token")
    expect(retry.location).toBe("/inspector")
    h.reset()
    expect((await failureOf((await exchange(jar)).cookies))?.code).toBe("STATE_REUSED")
    expect(h.tokenCalls()).toHaveLength(0)
  })
})

describe("provider tokens of a real provider's size", () => {
  /** Every Set-Cookie's name and value fit the 4096 bytes a browser keeps (RFC 6265 §6.1). */
  const fitsBrowser = (setCookies: string[]) =>
    setCookies.every((c) => Buffer.byteLength(c.split(";")[0]!) <= 4096)

  it("C-180 2.5 KB each are held, sealed, across cookies a browser keeps, shown on the page, and complete the exchange", async () => {
    padding = 1400
    const { done, jar } = await signInAtProvider()
    for (const length of issued) expect(length).toBeGreaterThan(2500)
    expect(done.location).toBe("/flows/token-exchange")
    expect(fitsBrowser(done.cookies)).toBe(true)
    const { heldExternalTokens } = await import("@/lib/flows/token-exchange")
    const held = await heldExternalTokens(jar)
    expect(held?.idToken?.claims).toMatchObject({ groups: "g".repeat(1400) })
    const r = await exchange(jar, "access_token")
    expect(r.location).toBe("/inspector")
    expect(fitsBrowser(r.cookies)).toBe(true)
    expect((await sessionOf(r.cookies))?.user.username).toBe("demo@example.com")
    // Signed in: every cookie of the hold is deleted.
    expect(withCookies(jar, r.cookies)).not.toMatch(/sfl_token_exchange/)
  })

  it("C-180 tokens too large for a browser's cookies are refused at the callback with TOKENS_TOO_LARGE, naming the size and what to do", async () => {
    padding = 3000
    const { done } = await signInAtProvider()
    expect(done.location).toBe("/flows/error")
    expect(fitsBrowser(done.cookies)).toBe(true)
    expect(await failureOf(done.cookies)).toMatchObject({
      code: "TOKENS_TOO_LARGE",
      message: expect.stringMatching(/\d+ bytes.*smaller tokens/),
    })
  })
})

describe("a callback that is not this flow's (R-02)", () => {
  it("R-02 a forged or stray callback leaves the held tokens of the sign-in in progress", async () => {
    const { finishIdpSignIn } = await import("@/lib/flows/token-exchange")
    const { jar } = await signInAtProvider()
    // A cross-site link to the callback, sent with the flow's Lax cookie.
    const stray = await finishIdpSignIn(
      new URL(`${h.site}/flows/token-exchange/idp-callback?code=x&state=forged`),
      jar,
    )
    expect(stray.location).toBe("/flows/error")
    expect(stray.cookies.join()).not.toMatch(/sfl_token_exchange[^=]*=;/)
    const r = await exchange(withCookies(jar, stray.cookies))
    expect(r.location).toBe("/inspector")
  })
})
