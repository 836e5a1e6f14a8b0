import crypto from "node:crypto"
import { SignJWT, exportJWK, generateKeyPair } from "jose"
import { describe, expect, it } from "vitest"
import { verifyIdToken, verifyResponseSignature } from "@/lib/salesforce/verify"

const ID = "https://login.salesforce.com/id/00Dx0000000BV7z/005x00000012Q9P"

describe("response signature", () => {
  it("verifies the reference vector and refuses a tampered id, issued_at or signature", () => {
    const sig = "OrKrFZy6miB2/JnsSxTcT+BDCMqtCjRMmM41lMDNRYA="
    expect(verifyResponseSignature(ID, "1278448832702", sig, "EMULATOR_TEST_SECRET")).toBe(true)
    expect(
      verifyResponseSignature(ID.replace("9P", "9Q"), "1278448832702", sig, "EMULATOR_TEST_SECRET"),
    ).toBe(false)
    expect(verifyResponseSignature(ID, "1278448832703", sig, "EMULATOR_TEST_SECRET")).toBe(false)
    expect(verifyResponseSignature(ID, "1278448832702", sig, "OTHER_SECRET")).toBe(false)
    expect(verifyResponseSignature(ID, "1278448832702", "short", "EMULATOR_TEST_SECRET")).toBe(
      false,
    )
  })
})

describe("id_token verification", async () => {
  const { privateKey, publicKey } = await generateKeyPair("RS256")
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256" }
  const jwks = { keys: [jwk] }
  const ISS = "https://login.salesforce.com"
  const sign = (claims: Record<string, unknown>, key: CryptoKey = privateKey, exp = "5m") =>
    new SignJWT({ nonce: "n1", ...claims })
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setIssuer(ISS)
      .setAudience("client-1")
      .setSubject(ID)
      .setIssuedAt()
      .setExpirationTime(exp)
      .sign(key)
  const expectations = { jwks, issuer: ISS, clientId: "client-1", nonce: "n1" }

  it("accepts a good token", async () => {
    expect((await verifyIdToken(await sign({}), expectations)).sub).toBe(ID)
  })

  it("refuses a bad signature, a wrong aud, an expired exp, a wrong nonce and a wrong at_hash", async () => {
    const other = (await generateKeyPair("RS256")).privateKey
    await expect(verifyIdToken(await sign({}, other), expectations)).rejects.toMatchObject({
      code: "ID_TOKEN_INVALID",
      message: expect.stringContaining("signature verification failed"),
    })
    await expect(
      verifyIdToken(await sign({}), { ...expectations, clientId: "client-2" }),
    ).rejects.toMatchObject({ message: expect.stringContaining('"aud"') })
    await expect(
      verifyIdToken(await sign({}, privateKey, "-10m"), expectations),
    ).rejects.toMatchObject({ message: expect.stringContaining('"exp"') })
    await expect(verifyIdToken(await sign({ nonce: "n2" }), expectations)).rejects.toMatchObject({
      message: expect.stringContaining('"nonce"'),
    })
    const atHash = crypto
      .createHash("sha256")
      .update("token-a")
      .digest()
      .subarray(0, 16)
      .toString("base64url")
    await expect(
      verifyIdToken(await sign({ at_hash: atHash }), { ...expectations, accessToken: "token-b" }),
    ).rejects.toMatchObject({ message: expect.stringContaining("at_hash") })
  })

  it("refuses alg none and HS256 (algorithm pinned to RS256)", async () => {
    const none = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iss: ISS, aud: "client-1", sub: ID, exp: 9e9, iat: 1 })).toString("base64url")}.`
    await expect(verifyIdToken(none, expectations)).rejects.toMatchObject({
      code: "ID_TOKEN_INVALID",
    })
    const hs = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256", kid: "k1" })
      .setIssuer(ISS)
      .setAudience("client-1")
      .setSubject(ID)
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode("x".repeat(32)))
    await expect(verifyIdToken(hs, expectations)).rejects.toMatchObject({
      code: "ID_TOKEN_INVALID",
    })
  })
})
