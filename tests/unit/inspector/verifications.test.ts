import crypto from "node:crypto"
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey } from "jose"
import { beforeAll, describe, expect, it } from "vitest"
import type { LabSession } from "@/lib/auth/session-types"
import { computeVerifications, type VerificationInputs } from "@/lib/inspector/verifications"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"

const LOGIN = "https://login.salesforce.com"
const ID = `${LOGIN}/id/00D5g0000LABORGEQ5/0055g00000DEMO1AAP`
const SECRET = "CLIENT-SECRET"
const ISSUED = "1795882150000"
const NOW = 1795882150000

let orgKey: CryptoKey
let inputs: VerificationInputs
let appKeys: crypto.KeyPairKeyObjectResult

beforeAll(async () => {
  const pair = await generateKeyPair("RS256")
  orgKey = pair.privateKey
  inputs = {
    clientSecret: SECRET,
    loginUrl: LOGIN,
    clientId: "client-1",
    jwks: {
      ok: true,
      value: { keys: [{ ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256" }] },
    },
  }
  appKeys = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
  inputs.assertionKey = appKeys.publicKey
})

function idToken(over: { aud?: string; nonce?: string; exp?: number; key?: CryptoKey } = {}) {
  const iat = Math.floor(NOW / 1000)
  return new SignJWT({ nonce: over.nonce ?? "n1" })
    .setProtectedHeader({ alg: "RS256", kid: "k1" })
    .setIssuer(LOGIN)
    .setAudience(over.aud ?? "client-1")
    .setSubject(ID)
    .setIssuedAt(iat)
    .setExpirationTime(over.exp ?? iat + 300)
    .sign(over.key ?? orgKey)
}

function session(over: Partial<LabSession["tokens"]> & { assertion?: string } = {}): LabSession {
  const { assertion, ...tokens } = over
  return {
    flow: "web-server",
    loginUrl: LOGIN,
    signedInAt: NOW,
    user: {
      userId: "0055g00000DEMO1AAP",
      orgId: "00D5g0000LABORGEQ5",
      username: "demo@example.com",
      displayName: "Dana Demo",
    },
    tokens: {
      accessToken: "00D5g0000LABORG!AQx",
      scopes: ["api", "openid"],
      instanceUrl: LOGIN,
      identityUrl: ID,
      tokenType: "Bearer",
      issuedAt: Number(ISSUED),
      signature: responseSignature(SECRET, ID, ISSUED),
      orgId: "00D5g0000LABORGEQ5",
      userId: "0055g00000DEMO1AAP",
      ...tokens,
    },
    transcriptId: "t".repeat(22),
    idTokenNonce: "n1",
    assertion,
  }
}

describe("inspector verifications", () => {
  it("pass for a genuine response, and say what was checked", async () => {
    const v = await computeVerifications(session({ idToken: await idToken() }), inputs)
    expect(v.signature).toMatchObject({ status: "pass" })
    expect(v.idToken).toMatchObject({ status: "pass", detail: expect.stringContaining("kid k1") })
  })

  it("fail a tampered signature, issued_at or identity URL, with the reason", async () => {
    for (const over of [
      { signature: responseSignature("OTHER", ID, ISSUED) },
      { issuedAt: Number(ISSUED) + 1 },
      { identityUrl: ID.replace("DEMO1", "ADMN1") },
    ]) {
      const v = await computeVerifications(session(over), inputs)
      expect(v.signature).toMatchObject({
        status: "fail",
        detail: expect.stringContaining("does not match"),
      })
    }
  })

  it("fail an id_token with a bad signature, a wrong aud, an expired exp or a wrong nonce", async () => {
    const other = (await generateKeyPair("RS256")).privateKey
    const cases: [Promise<string>, string][] = [
      [idToken({ key: other }), "signature verification failed"],
      [idToken({ aud: "client-2" }), '"aud"'],
      [idToken({ exp: Math.floor(NOW / 1000) - 600 }), '"exp"'],
      [idToken({ nonce: "n2" }), '"nonce"'],
    ]
    for (const [token, reason] of cases) {
      const v = await computeVerifications(session({ idToken: await token }), inputs)
      expect(v.idToken).toMatchObject({ status: "fail", detail: expect.stringContaining(reason) })
    }
  })

  it("fail the id_token check, saying why, when the JWKS was not recorded or could not be read", async () => {
    const s = session({ idToken: await idToken() })
    expect((await computeVerifications(s, { ...inputs, jwks: undefined })).idToken).toEqual({
      status: "fail",
      detail: "the org's JWKS was not recorded, so the signature cannot be checked",
    })
    const unread = await computeVerifications(s, {
      ...inputs,
      jwks: { ok: false, reason: "expected JSON from Salesforce but got text/html (HTTP 200)" },
    })
    expect(unread.idToken).toEqual({
      status: "fail",
      detail:
        "the org's JWKS could not be read (expected JSON from Salesforce but got text/html (HTTP 200)), so the signature cannot be checked",
    })
  })

  it("show the introspection verdict the session holds, and none when there is none", async () => {
    const s = session()
    expect((await computeVerifications(s, inputs)).introspection).toBeUndefined()
    const revoked = { status: "fail" as const, detail: "revoked by you (access token)" }
    expect(
      (await computeVerifications({ ...s, introspection: revoked }, inputs)).introspection,
    ).toEqual(revoked)
  })

  it("verify the JWT Bearer assertion with the app's key, and fail one signed with another key", async () => {
    const sign = (key: crypto.KeyObject) =>
      new SignJWT({ sub: "demo@example.com" }).setProtectedHeader({ alg: "RS256" }).sign(key)
    const good = await computeVerifications(
      session({ assertion: await sign(appKeys.privateKey) }),
      inputs,
    )
    expect(good.assertion).toMatchObject({ status: "pass" })
    const bad = await computeVerifications(
      session({
        assertion: await sign(
          crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey,
        ),
      }),
      inputs,
    )
    expect(bad.assertion).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("does not verify"),
    })
  })
})
