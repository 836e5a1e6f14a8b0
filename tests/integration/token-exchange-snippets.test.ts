import fs from "node:fs"
import * as prettier from "prettier"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { LAB_TOKEN_HANDLER } from "@/lib/config/external-idp"
import type { Idp } from "@/lib/idp/idp"
import {
  TOKEN_EXCHANGE_FETCH_SNIPPET,
  TOKEN_EXCHANGE_JSFORCE_SNIPPET,
} from "@/lib/flows/token-exchange-snippets"
import { createTestIdp, EXT_DEMO, idpTokens, signInAtIdp } from "../_helpers/idp"
import { startSnippet } from "../_helpers/node-snippet"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The Token Exchange page's "Code to copy", run as the page shows it: a node process against the
 * embedded org on a loopback port, whose handler fetches the lab identity provider's JWKS from its
 * own loopback port; the subject token comes from a sign-in at that provider.
 */
let idp: Idp
let idpUrl: string
let t: TestOrg
const closers: (() => Promise<void> | void)[] = []

beforeAll(async () => {
  let idpHandle: (r: Request) => Promise<Response> = async () => new Response(null, { status: 503 })
  const idpServer = await serve((r) => idpHandle(r))
  idpUrl = idpServer.origin
  idp = (await createTestIdp(idpUrl)).idp
  idpHandle = idp.handle
  let orgHandle: (r: Request) => Promise<Response> = async () => new Response(null, { status: 503 })
  const orgServer = await serve((r) => orgHandle(r))
  t = await createTestOrg({ baseUrl: orgServer.origin, externalIdpIssuer: idpUrl, now: Date.now })
  orgHandle = t.org.handle
  closers.push(idpServer.close, orgServer.close, () => {
    t.close()
    fs.rmSync(t.dataDir, { recursive: true, force: true })
  })
}, 60_000)
afterAll(async () => {
  for (const c of closers) await c()
})

async function run(source: string, env: Record<string, string>) {
  const app = startSnippet(source, {
    SF_LOGIN_URL: t.base,
    SF_CLIENT_ID: t.org.credentials.clientId,
    SF_CLIENT_SECRET: t.org.credentials.clientSecret,
    ...env,
  })
  return { code: await app.exited, out: app.output() }
}

describe("the Token Exchange flow's code to copy", () => {
  for (const [name, source] of [
    ["fetch", TOKEN_EXCHANGE_FETCH_SNIPPET],
    ["jsforce", TOKEN_EXCHANGE_JSFORCE_SNIPPET],
  ] as const) {
    it(`F-230 the ${name} program exchanges the provider's id_token and names the mapped user`, async () => {
      const tokens = await signInAtIdp(idpUrl, EXT_DEMO.username)
      // The fetch program names the handler, the jsforce one leaves it to the org's default.
      const handler: Record<string, string> =
        name === "fetch" ? { SF_TOKEN_HANDLER: LAB_TOKEN_HANDLER } : {}
      const { code, out } = await run(source, { SF_SUBJECT_TOKEN: tokens.id_token, ...handler })
      expect(out.trim().split("\n")).toEqual([
        "issued_token_type: urn:ietf:params:oauth:token-type:access_token",
        "Signed in as demo@example.com",
      ])
      expect(code).toBe(0)
    }, 60_000)

    it(`F-230 the ${name} program exchanges the provider's access token with SF_SUBJECT_TOKEN_TYPE`, async () => {
      const tokens = await signInAtIdp(idpUrl, EXT_DEMO.username)
      const { code, out } = await run(source, {
        SF_SUBJECT_TOKEN: tokens.access_token,
        SF_SUBJECT_TOKEN_TYPE: "urn:ietf:params:oauth:token-type:access_token",
      })
      expect(out).toContain("Signed in as demo@example.com")
      expect(code).toBe(0)
    }, 60_000)

    it(`F-231 the ${name} program prints the org's exact refusal of a token from another issuer`, async () => {
      // Signed with the provider's own key, so only the issuer is wrong.
      const { id_token } = await idpTokens(idp, EXT_DEMO, { issuer: "https://other-idp.example" })
      const { code, out } = await run(source, { SF_SUBJECT_TOKEN: id_token })
      expect(out.trim()).toBe("Salesforce refused the exchange: invalid_request: invalid issuer")
      expect(code).toBe(1)
    }, 60_000)
  }

  it("both programs are formatted with the repository's Prettier settings", async () => {
    const options = { ...(await prettier.resolveConfig(__filename)), parser: "babel" }
    for (const source of [TOKEN_EXCHANGE_FETCH_SNIPPET, TOKEN_EXCHANGE_JSFORCE_SNIPPET])
      expect(await prettier.format(source, options)).toBe(source)
  })
})
