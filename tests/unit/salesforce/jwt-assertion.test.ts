import crypto from "node:crypto"
import { decodeProtectedHeader, jwtVerify } from "jose"
import { describe, expect, it } from "vitest"
import { planAssertion, signAssertion } from "@/lib/salesforce/jwt-assertion"

const pemOf = (k: crypto.KeyObject) => k.export({ type: "pkcs8", format: "pem" }) as string
const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 })
const claims = {
  clientId: "3MVG9.test",
  username: "admin@example.com",
  audience: "https://login.salesforce.com",
}

describe("the JWT Bearer assertion builder", () => {
  it("signs the planned header and claims as an RS256 JWT that jose verifies with RS256 pinned", async () => {
    const plan = planAssertion({ ...claims, nowMs: Date.now() })
    const assertion = await signAssertion(plan, pemOf(privateKey))
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: "RS256", typ: "JWT" })
    const { payload } = await jwtVerify(assertion, publicKey, {
      algorithms: ["RS256"],
      issuer: claims.clientId,
      subject: claims.username,
      audience: claims.audience,
    })
    expect(payload).toEqual(plan.claims)
    expect(plan.claims.exp - plan.claims.iat).toBe(180)
  })

  it("gives every assertion its own jti (Salesforce and the embedded org refuse a replayed one)", () => {
    const a = planAssertion(claims)
    const b = planAssertion(claims)
    expect(a.claims.jti).not.toBe(b.claims.jti)
  })

  it("refuses keys Salesforce cannot verify as RS256: EC, or RSA under 2048 bits", async () => {
    const plan = planAssertion(claims)
    const ec = crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey
    const small = crypto.generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey
    await expect(signAssertion(plan, pemOf(ec))).rejects.toMatchObject({ code: "KEY_INVALID" })
    await expect(signAssertion(plan, pemOf(small))).rejects.toThrow(/at least 2048/)
    await expect(signAssertion(plan, "not a key")).rejects.toMatchObject({ code: "KEY_INVALID" })
  })
})
