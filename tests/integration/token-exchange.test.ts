import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { LAB_IDP_CLIENT_ID } from "@/lib/config/external-idp"
import { createIdp } from "@/lib/idp/idp"
import { SalesforceClient } from "@/lib/salesforce/client"
import { SalesforceOAuthError } from "@/lib/salesforce/errors"
import { IDP_CALLBACK, signInAtIdp } from "../_helpers/idp"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The Token Exchange flow over real HTTP: the lab identity provider and the embedded org each on a
 * loopback port, the org fetching the provider's JWKS over the network, the site's protocol clients
 * (lib/salesforce) doing what the flow's routes do.
 */
let idpUrl: string
let t: TestOrg
let orgUrl: string
const closers: (() => Promise<void> | void)[] = []

beforeAll(async () => {
  let idpHandle: (r: Request) => Promise<Response> = async () => new Response(null, { status: 503 })
  const idpServer = await serve((r) => idpHandle(r))
  idpUrl = idpServer.origin
  const idp = await createIdp({
    issuer: idpUrl,
    dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-idp-")),
    clients: [{ clientId: LAB_IDP_CLIENT_ID, redirectUris: [IDP_CALLBACK] }],
  })
  idpHandle = idp.handle
  let orgHandle: (r: Request) => Promise<Response> = async () => new Response(null, { status: 503 })
  const orgServer = await serve((r) => orgHandle(r))
  orgUrl = orgServer.origin
  t = await createTestOrg({ baseUrl: orgUrl, externalIdpIssuer: idpUrl, now: Date.now })
  orgHandle = t.org.handle
  closers.push(idpServer.close, orgServer.close, () => t.close())
}, 60_000)
afterAll(async () => {
  for (const c of closers) await c()
})

const signIn = (username: string) => signInAtIdp(idpUrl, username)

const salesforce = () =>
  new SalesforceClient({
    loginUrl: orgUrl,
    clientId: t.org.credentials.clientId,
    clientSecret: t.org.credentials.clientSecret,
  })

describe("Token Exchange over HTTP", () => {
  it("F-230 signs in at the provider, then exchanges its id_token at the org for a token of the mapped user", async () => {
    const tokens = await signIn("ext-demo@idp.example")
    const res = await salesforce().tokenExchange({
      subjectToken: tokens.id_token,
      subjectTokenType: "urn:ietf:params:oauth:token-type:id_token",
      tokenHandler: "LabTokenExchangeHandler",
    })
    expect(res.issued_token_type).toBe("urn:ietf:params:oauth:token-type:access_token")
    const me = await salesforce().userinfo(res.access_token)
    expect(me.email).toBe("demo@example.com")
  }, 60_000)

  it("F-233 an unknown user with creation off is refused with the exact error", async () => {
    const tokens = await signIn("ext-new@idp.example")
    const err = await salesforce()
      .tokenExchange({
        subjectToken: tokens.id_token,
        subjectTokenType: "urn:ietf:params:oauth:token-type:id_token",
      })
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(SalesforceOAuthError)
    expect((err as SalesforceOAuthError).error).toBe("invalid_request")
    expect((err as SalesforceOAuthError).errorDescription).toBe(
      "no user found for the token subject",
    )
  }, 60_000)
})
