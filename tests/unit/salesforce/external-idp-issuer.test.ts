import { describe, expect, it } from "vitest"
import { externalIdpConfig } from "@/lib/config/external-idp"
import { ExternalIdpClient } from "@/lib/salesforce/external-idp-client"

// An issuer is compared exactly, "/" included (OpenID Connect Discovery 1.0 §4.3; RFC 7519 §4.1.1
// compares iss as a case-sensitive string), and providers such as Auth0 name theirs with a trailing
// "/": the configured value must be kept as written, and the discovery URL built without doubling it.
const AUTH0 = "https://tenant.example.auth0.com/"

function providerAnswering(issuer: string) {
  const asked: string[] = []
  const fetch = (async (url: string | URL | Request) => {
    asked.push(String(url))
    return Response.json({
      issuer,
      authorization_endpoint: "https://tenant.example.auth0.com/authorize",
      token_endpoint: "https://tenant.example.auth0.com/oauth/token",
      jwks_uri: "https://tenant.example.auth0.com/.well-known/jwks.json",
    })
  }) as typeof globalThis.fetch
  return { fetch, asked }
}

describe("an external issuer with a trailing slash", () => {
  it("is kept as configured, not trimmed", () => {
    const { idp, problems } = externalIdpConfig(
      { SALESFORCE_TOKEN_EXCHANGE_ISSUER: ` ${AUTH0} `, SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID: "c" },
      "http://localhost:3000",
      "real",
    )
    expect(problems).toEqual([])
    expect(idp?.issuer).toBe(AUTH0)
  })

  it("discovers at <issuer>.well-known/openid-configuration and accepts the document naming it exactly", async () => {
    const p = providerAnswering(AUTH0)
    const client = new ExternalIdpClient({ issuer: AUTH0, clientId: "c", fetch: p.fetch })
    await expect(client.discover()).resolves.toMatchObject({ issuer: AUTH0 })
    expect(p.asked).toEqual([`${AUTH0}.well-known/openid-configuration`])
  })

  it("still refuses a document that names the issuer otherwise", async () => {
    const p = providerAnswering(AUTH0.slice(0, -1))
    const client = new ExternalIdpClient({ issuer: AUTH0, clientId: "c", fetch: p.fetch })
    await expect(client.discover()).rejects.toMatchObject({ code: "UNEXPECTED_RESPONSE" })
  })
})
