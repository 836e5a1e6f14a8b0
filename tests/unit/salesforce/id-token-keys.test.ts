import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose"
import { beforeAll, describe, expect, it } from "vitest"
import { verifyIdToken } from "@/lib/salesforce/verify"

/**
 * Which key an id_token is checked with (docs/security.md, C-38, C-44; RFC 8725 §3.1, §3.10): the
 * algorithm is pinned to RS256 and the key comes only from the org's JWKS, which every sign-in
 * fetches afresh (so a rotated key is known at once, with no cache to refetch).
 */
const ISS = "https://login.salesforce.com"
const ID = `${ISS}/id/00D5g0000LABORGEQ5/0055g00000DEMO1AAP`
const pub = async (k: CryptoKey, kid?: string) => ({
  ...(await exportJWK(k)),
  ...(kid ? { kid } : {}),
  alg: "RS256",
  use: "sig",
})
let a: CryptoKeyPair
let b: CryptoKeyPair

beforeAll(async () => {
  a = await generateKeyPair("RS256")
  b = await generateKeyPair("RS256")
})

const sign = (key: CryptoKey, header: Record<string, unknown>, alg = "RS256") =>
  new SignJWT({})
    .setProtectedHeader({ alg, ...header })
    .setIssuer(ISS)
    .setAudience("client-1")
    .setSubject(ID)
    .setIssuedAt()
    .setExpirationTime("5m")
    .sign(key)
const expect_ = (jwks: object) => ({ jwks: jwks as never, issuer: ISS, clientId: "client-1" })

describe("id_token keys", () => {
  it("C-38 an ES256 (or any non-RS256) id_token is refused even when the JWKS holds its key", async () => {
    const ec = await generateKeyPair("ES256")
    const jwks = { keys: [{ ...(await exportJWK(ec.publicKey)), kid: "ec", alg: "ES256" }] }
    await expect(
      verifyIdToken(await sign(ec.privateKey, { kid: "ec" }, "ES256"), expect_(jwks)),
    ).rejects.toMatchObject({ code: "ID_TOKEN_INVALID" })
    const ps = await generateKeyPair("PS256")
    await expect(
      verifyIdToken(
        await sign(ps.privateKey, { kid: "ps" }, "PS256"),
        expect_({ keys: [{ ...(await exportJWK(ps.publicKey)), kid: "ps", alg: "PS256" }] }),
      ),
    ).rejects.toMatchObject({ code: "ID_TOKEN_INVALID" })
  })

  it("C-44 an unknown kid fails; with no kid a single key is used, and with several keys the token is refused", async () => {
    await expect(
      verifyIdToken(
        await sign(a.privateKey, { kid: "nope" }),
        expect_({ keys: [await pub(a.publicKey, "k1")] }),
      ),
    ).rejects.toMatchObject({ code: "ID_TOKEN_INVALID" })
    expect(
      (
        await verifyIdToken(
          await sign(a.privateKey, {}),
          expect_({ keys: [await pub(a.publicKey, "k1")] }),
        )
      ).sub,
    ).toBe(ID)
    // Salesforce always sends a kid; without one, jose will not guess among several keys (ERR_JWKS_MULTIPLE_MATCHING_KEYS).
    await expect(
      verifyIdToken(
        await sign(b.privateKey, {}),
        expect_({ keys: [await pub(a.publicKey, "k1"), await pub(b.publicKey, "k2")] }),
      ),
    ).rejects.toMatchObject({
      code: "ID_TOKEN_INVALID",
      message: expect.stringContaining("multiple matching keys"),
    })
  })

  it("C-44 jwk, jku, x5u and x5c headers naming the attacker's key are ignored", async () => {
    const evil = await generateKeyPair("RS256")
    const header = {
      kid: "k1",
      jwk: await exportJWK(evil.publicKey),
      jku: "https://evil.example/jwks",
      x5u: "https://evil.example/cert",
    }
    await expect(
      verifyIdToken(
        await sign(evil.privateKey, header),
        expect_({ keys: [await pub(a.publicKey, "k1")] }),
      ),
    ).rejects.toMatchObject({ code: "ID_TOKEN_INVALID" })
  })

  it("C-44 after the org rotates its key, a token by the new kid verifies with the JWKS as now published, and the old kid keeps working while listed", async () => {
    const rotated = { keys: [await pub(a.publicKey, "old"), await pub(b.publicKey, "new")] }
    expect(
      (await verifyIdToken(await sign(b.privateKey, { kid: "new" }), expect_(rotated))).sub,
    ).toBe(ID)
    expect(
      (await verifyIdToken(await sign(a.privateKey, { kid: "old" }), expect_(rotated))).sub,
    ).toBe(ID)
    await expect(
      verifyIdToken(
        await sign(a.privateKey, { kid: "old" }),
        expect_({ keys: [await pub(b.publicKey, "new")] }),
      ),
    ).rejects.toMatchObject({ code: "ID_TOKEN_INVALID" })
  })
})
