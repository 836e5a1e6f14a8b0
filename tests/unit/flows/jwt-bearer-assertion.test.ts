// Over 200 lines: one suite per flow file (lib/flows/jwt-bearer.ts), its security cases side by side.
import crypto from "node:crypto"
import { compactVerify, decodeJwt, decodeProtectedHeader } from "jose"
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import {
  failureOf,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The JWT Bearer flow as the site signs it (lib/salesforce/jwt-assertion.ts, lib/flows/jwt-bearer.ts),
 * captured at the org (docs/security.md, C-50–C-55; RFC 7523 §3, RFC 8725 §3.1).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

async function run(username: string) {
  const { runJwtBearer } = await import("@/lib/flows/jwt-bearer")
  return runJwtBearer(username)
}
const sentAssertion = () => new URLSearchParams(h.tokenCalls().at(-1)!.body).get("assertion")!

describe("the assertion the site sends", () => {
  it("C-50 is RS256 with no key-carrying header, iss = consumer key, sub = the configured user, aud = the login URL, exp within 180 s, a fresh jti, and verifies with the app's key", async () => {
    const before = Math.floor(Date.now() / 1000)
    expect((await run("admin@example.com")).location).toBe("/inspector")
    const first = sentAssertion()
    await run("admin@example.com")
    const second = sentAssertion()
    const header = decodeProtectedHeader(first)
    expect(header).toEqual({ alg: "RS256", typ: "JWT" })
    const claims = decodeJwt(first)
    expect(claims).toMatchObject({ iss: h.clientId, sub: "admin@example.com", aud: h.loginUrl })
    expect(String(claims.aud)).not.toMatch(/\/$/)
    expect(claims.iat! - before).toBeGreaterThanOrEqual(0)
    expect(claims.iat! - before).toBeLessThan(5)
    expect(claims.exp! - claims.iat!).toBeLessThanOrEqual(180)
    expect(claims.jti).toMatch(/^[0-9a-f-]{36}$/)
    expect(decodeJwt(second).jti).not.toBe(claims.jti)
    await compactVerify(first, crypto.createPublicKey(h.privateKeyPem), { algorithms: ["RS256"] })
  })
})

describe("configuration the assertion depends on", () => {
  it("C-51 alg and lifetime are not configurable; a bad audience or http off this machine is refused at boot, and an empty or unlisted sub is never signed", async () => {
    const { parseConfig } = await import("@/lib/config/env")
    const { planAssertion } = await import("@/lib/salesforce/jwt-assertion")
    const base = {
      SALESFORCE_LOGIN_URL: "https://login.salesforce.com",
      SALESFORCE_CLIENT_ID: "id",
      SALESFORCE_CLIENT_SECRET: "s",
      SALESFORCE_PRIVATE_KEY: h.privateKeyPem,
    }
    for (const aud of [
      "not a url",
      "http://login.salesforce.com",
      "https://u:p@login.salesforce.com",
      "https://login.salesforce.com/?x=1",
    ]) {
      expect(() => parseConfig({ ...base, SALESFORCE_JWT_AUDIENCE: aud })).toThrow(
        /SALESFORCE_JWT_AUDIENCE/,
      )
    }
    // Whatever the environment says, the plan is RS256 and three minutes.
    const plan = planAssertion({
      clientId: "id",
      username: "u",
      audience: "https://login.salesforce.com",
      nowMs: 0,
    })
    expect(plan.header.alg).toBe("RS256")
    expect(plan.claims.exp - plan.claims.iat).toBe(180)
    for (const username of ["", " ", "demo@example.com", "admin@example.com,demo@example.com"]) {
      const r = await run(username)
      expect(await failureOf(r.cookies)).toMatchObject({ code: "USERNAME_NOT_ALLOWED" })
    }
    expect(h.log).toHaveLength(0)
  })
})

describe("when the org refuses", () => {
  it("C-52 user hasn't approved this consumer, a bad audience or rate_limit_exceeded: one token request, no retry, no session, Salesforce's words on the error page", async () => {
    const { clientFor, orgConnection } = await import("@/lib/org/connection")
    const { planAssertion, signAssertion } = await import("@/lib/salesforce/jwt-assertion")
    const org = await orgConnection()
    // demo has not approved the app; the second assertion names an audience the org is not.
    await expect(
      clientFor(org).jwtBearer(
        await signAssertion(
          planAssertion({
            clientId: org.clientId,
            username: "demo@example.com",
            audience: org.audience,
          }),
          h.privateKeyPem,
        ),
      ),
    ).rejects.toMatchObject({
      error: "invalid_grant",
      errorDescription: "user hasn't approved this consumer",
    })
    await expect(
      clientFor(org).jwtBearer(
        await signAssertion(
          planAssertion({
            clientId: org.clientId,
            username: "admin@example.com",
            audience: "https://login.salesforce.com",
          }),
          h.privateKeyPem,
        ),
      ),
    ).rejects.toMatchObject({ error: "invalid_grant" })
    expect(h.tokenCalls()).toHaveLength(2)
    h.reset()
    h.fault = () =>
      Response.json(
        { error: "rate_limit_exceeded", error_description: "rate limit exceeded" },
        { status: 400 },
      )
    const r = await run("admin@example.com")
    expect(r.location).toBe("/flows/error")
    expect(await sessionOf(r.cookies)).toBeUndefined()
    expect(await failureOf(r.cookies)).toMatchObject({ error: "rate_limit_exceeded" })
    expect(h.tokenCalls()).toHaveLength(1)
  })

  it("C-55 a site clock 30 s off either way still signs in; 5 minutes ahead or 8 behind gets the org's invalid_grant", async () => {
    const { clientFor, orgConnection } = await import("@/lib/org/connection")
    const { planAssertion, signAssertion } = await import("@/lib/salesforce/jwt-assertion")
    const org = await orgConnection()
    const at = async (skewMs: number) =>
      clientFor(org).jwtBearer(
        await signAssertion(
          planAssertion({
            clientId: org.clientId,
            username: "admin@example.com",
            audience: org.audience,
            nowMs: Date.now() + skewMs,
          }),
          h.privateKeyPem,
        ),
      )
    await expect(at(30_000)).resolves.toMatchObject({ access_token: expect.any(String) })
    await expect(at(-30_000)).resolves.toMatchObject({ access_token: expect.any(String) })
    await expect(at(5 * 60_000)).rejects.toMatchObject({ error: "invalid_grant" })
    await expect(at(-8 * 60_000)).rejects.toMatchObject({ error: "invalid_grant" })
  })
})

describe("a malformed private key", () => {
  const rsa = (bits: number) => crypto.generateKeyPairSync("rsa", { modulusLength: bits })
  const pem = (k: crypto.KeyObject, extra: Partial<crypto.KeyExportOptions<"pem">> = {}) =>
    k
      .export({ type: "pkcs8", format: "pem", ...extra } as crypto.KeyExportOptions<"pem">)
      .toString()
  const good = pem(rsa(2048).privateKey)
  const cases: [string, string][] = [
    ["random bytes", crypto.randomBytes(600).toString("base64")],
    ["a truncated PEM", good.slice(0, good.length / 2)],
    ["a public key", rsa(2048).publicKey.export({ type: "spki", format: "pem" }).toString()],
    [
      "an encrypted PKCS#8 without its passphrase",
      pem(rsa(2048).privateKey, { cipher: "aes-256-cbc", passphrase: "pw" }),
    ],
    ["an EC key", pem(crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey)],
    ["a 1024-bit RSA key", pem(rsa(1024).privateKey)],
  ]
  it("C-54 random bytes, a truncated PEM, a public key, an encrypted key, an EC key or a short RSA key are KEY_INVALID, and the message never quotes the key", async () => {
    const { privateKeyFor } = await import("@/lib/salesforce/jwt-assertion")
    const { toFailure } = await import("@/lib/flows/shared/flow-error")
    for (const [, key] of cases) {
      let caught: unknown
      try {
        privateKeyFor(key)
      } catch (e) {
        caught = e
      }
      expect(caught).toMatchObject({ name: "FlowError", code: "KEY_INVALID" })
      const body = key
        .replace(/-----[A-Z ]+-----/g, "")
        .trim()
        .slice(0, 40)
      expect(JSON.stringify(toFailure(caught, "jwt-bearer"))).not.toContain(body)
    }
    expect(privateKeyFor(good).asymmetricKeyType).toBe("rsa")
  })

  it("C-54 a valid key that does not match the app's certificate is refused by the org, with nothing logged", async () => {
    const { clientFor, orgConnection } = await import("@/lib/org/connection")
    const { planAssertion, signAssertion } = await import("@/lib/salesforce/jwt-assertion")
    const org = await orgConnection()
    const log = vi.spyOn(console, "error")
    await expect(
      clientFor(org).jwtBearer(
        await signAssertion(
          planAssertion({
            clientId: org.clientId,
            username: "admin@example.com",
            audience: org.audience,
          }),
          good,
        ),
      ),
    ).rejects.toMatchObject({ error: "invalid_grant" })
    expect(log).not.toHaveBeenCalled()
  })
})
