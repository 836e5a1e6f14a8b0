import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { createIdp, type Idp } from "@/lib/idp/idp"
import { mintIdpTokens } from "@/lib/idp/tokens"
import { IDP_USERS, type IdpUser } from "@/lib/idp/users"
import { LAB_IDP_CLIENT_ID } from "@/lib/config/external-idp"

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
