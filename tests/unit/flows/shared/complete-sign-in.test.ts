import { describe, expect, it } from "vitest"
import { completeSignIn } from "@/lib/flows/shared/complete-sign-in"
import type { OrgConnection } from "@/lib/org/connection"
import type { SalesforceClient } from "@/lib/salesforce/client"

const ID = "https://login.salesforce.com/id/00D5g0000LABORGEQ5/0055g00000DEMO1AAP"
const org = {
  loginUrl: "https://login.salesforce.com",
  clientId: "c",
  clientSecret: "s",
} as OrgConnection

/** A client that answers like a real org whose REST API lives on acme.my.salesforce.com. */
const client = {
  identity: async () => ({
    username: "demo@example.com",
    display_name: "Dana Demo",
    urls: { rest: "https://acme.my.salesforce.com/services/data/v{version}/" },
  }),
  userinfo: async () => ({}),
  introspect: async () => ({ active: true, exp: 2e9, client_id: "c" }),
  jwks: async () => ({ keys: [] }),
} as unknown as SalesforceClient

const response = (instance_url: string) => ({
  access_token: "00D5g0000LABORG!AQx",
  scope: "api",
  instance_url,
  id: ID,
  token_type: "Bearer" as const,
})

describe("completing a sign-in", () => {
  it("accepts an instance_url where the org's identity service says its API lives", async () => {
    const s = await completeSignIn(
      "jwt-bearer",
      org,
      client,
      response("https://acme.my.salesforce.com"),
      { requireSignature: false, transcriptId: "t".repeat(22) },
    )
    expect(s.user.username).toBe("demo@example.com")
    expect(s.expiry?.exp).toBe(2e9)
  })

  it("C-27 refuses an instance_url on another tenant's Salesforce-hosted domain, which the signature does not cover", async () => {
    await expect(
      completeSignIn("jwt-bearer", org, client, response("https://attacker.my.site.com"), {
        requireSignature: false,
        transcriptId: "t".repeat(22),
      }),
    ).rejects.toMatchObject({
      code: "UNTRUSTED_URL",
      message: expect.stringContaining("acme.my.salesforce.com"),
    })
  })

  it("C-27 refuses an id or instance_url off Salesforce's domains before calling anything", async () => {
    await expect(
      completeSignIn("jwt-bearer", org, client, response("https://evil.test"), {
        requireSignature: false,
        transcriptId: "t".repeat(22),
      }),
    ).rejects.toMatchObject({ code: "UNTRUSTED_URL" })
  })
})

describe("a token that came through the browser", () => {
  const checks = { requireSignature: false, proveToken: true, transcriptId: "t".repeat(22) }
  const introspecting = (answer: Record<string, unknown>) =>
    ({ ...client, introspect: async () => answer }) as unknown as SalesforceClient

  it("C-23 C-24 is refused when introspection says inactive, another app's, or another user's", async () => {
    const r = response("https://acme.my.salesforce.com")
    await expect(
      completeSignIn("user-agent", org, introspecting({ active: false }), r, checks),
    ).rejects.toMatchObject({
      code: "FOREIGN_TOKEN",
      message: expect.stringContaining("not active"),
    })
    await expect(
      completeSignIn(
        "user-agent",
        org,
        introspecting({ active: true, client_id: "other", sub: ID }),
        r,
        checks,
      ),
    ).rejects.toMatchObject({
      code: "FOREIGN_TOKEN",
      message: expect.stringContaining("another app"),
    })
    await expect(
      completeSignIn(
        "user-agent",
        org,
        introspecting({ active: true, client_id: "c", sub: `${ID}X` }),
        r,
        checks,
      ),
    ).rejects.toMatchObject({
      code: "FOREIGN_TOKEN",
      message: expect.stringContaining("another user"),
    })
    const s = await completeSignIn(
      "user-agent",
      org,
      introspecting({ active: true, client_id: "c", sub: ID, exp: 2e9 }),
      r,
      checks,
    )
    expect(s.introspection).toMatchObject({ status: "pass" })
  })

  it("C-26 is never sent anywhere when the signature is wrong", async () => {
    let called = false
    const spy = {
      ...client,
      introspect: async () => ((called = true), { active: true }),
    } as unknown as SalesforceClient
    const forged = {
      ...response("https://acme.my.salesforce.com"),
      issued_at: "1",
      signature: "AAAA",
    }
    await expect(
      completeSignIn("user-agent", org, spy, forged, { ...checks, requireSignature: true }),
    ).rejects.toMatchObject({ code: "INVALID_SIGNATURE" })
    expect(called).toBe(false)
  })
})
