import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { createIdp, type Idp } from "@/lib/idp/idp"
import { mintIdpTokens } from "@/lib/idp/tokens"
import { IDP_USERS, type IdpUser } from "@/lib/idp/users"
import { LAB_IDP_CLIENT_ID } from "@/lib/config/external-idp"
import { ExternalIdpClient } from "@/lib/salesforce/external-idp-client"

export const IDP = "http://idp.test"
export const IDP_CALLBACK = "https://site.test/flows/token-exchange/idp-callback"
export const EXT_DEMO = IDP_USERS[0]!
export const EXT_NEW = IDP_USERS[1]!

/** The lab identity provider in-process, in its own temporary folder, and a fetch that reaches it. */
export async function createTestIdp(issuer = IDP): Promise<{ idp: Idp; fetch: typeof fetch }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-idp-"))
  const idp = await createIdp({
    issuer,
    dataDir,
    clients: [{ clientId: LAB_IDP_CLIENT_ID, redirectUris: [IDP_CALLBACK] }],
  })
  const fetchFn = (async (input: RequestInfo | URL, init?: RequestInit) =>
    idp.handle(new Request(input, init))) as typeof fetch
  return { idp, fetch: fetchFn }
}

/** Tokens of `user` signed with the provider's own key, as its token endpoint mints them. */
export function idpTokens(
  idp: Idp,
  user: IdpUser = EXT_DEMO,
  opts: { issuer?: string; nowS?: number } = {},
) {
  return mintIdpTokens(idp.keys, {
    issuer: opts.issuer ?? idp.issuer,
    clientId: LAB_IDP_CLIENT_ID,
    user,
    scope: "openid email profile",
    nowS: opts.nowS ?? Math.floor(Date.now() / 1000),
  })
}

/** A browser signing in at the provider: the login page, its form, the redirect with the code. */
export async function signInAtIdp(idpUrl: string, username: string, password = "ext1234") {
  const client = new ExternalIdpClient({ issuer: idpUrl, clientId: LAB_IDP_CLIENT_ID })
  const endpoints = await client.discover()
  const verifier = crypto.randomBytes(32).toString("base64url")
  const nonce = crypto.randomBytes(16).toString("base64url")
  const page = await fetch(
    client.authorizeUrl(endpoints, {
      redirectUri: IDP_CALLBACK,
      state: "s",
      nonce,
      codeChallenge: crypto.createHash("sha256").update(verifier).digest("base64url"),
      scope: "openid email profile",
    }),
  )
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!
  const html = await page.text()
  const fields = Object.fromEntries(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  )
  const login = await fetch(`${idpUrl}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: idpUrl },
    body: new URLSearchParams({ ...fields, username, password }).toString(),
  })
  const code = new URL(login.headers.get("location")!).searchParams.get("code")!
  const tokens = await client.exchangeCode(endpoints, code, IDP_CALLBACK, verifier)
  await client.verifyIdToken(endpoints, tokens.id_token, nonce)
  return tokens
}
