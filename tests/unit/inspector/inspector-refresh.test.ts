import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose"
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import { responseSignature } from "@/lib/emulator/oauth/issue-tokens"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import {
  isTokenRequest,
  rewriteJson,
  sessionOf,
  signedInWebServer,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The inspector's Refresh (lib/inspector/actions.ts) against a misbehaving org: a refresh response
 * may only continue the session it was made for (OIDC Core §12.2; docs/security.md, C-46).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const signedIn = () => signedInWebServer(h)

async function refresh(jar: string) {
  const { runInspectorAction } = await import("@/lib/inspector/actions")
  return runInspectorAction("refresh", {}, jar)
}

const refreshFault = (
  edit: (b: Record<string, unknown>) => Record<string, unknown> | Promise<Record<string, unknown>>,
) => {
  h.fault = (req, res) => (isTokenRequest(req) && res.status === 200 ? rewriteJson(res, edit) : res)
}

it("C-46 a refresh that works keeps the user and replaces the tokens (the control case)", async () => {
  const { jar, session } = await signedIn()
  const after = await sessionOf((await refresh(jar)).cookies)
  expect(after?.user).toEqual(session.user)
  expect(after?.tokens.accessToken).not.toBe(session.tokens.accessToken)
})

it("C-46 a refresh response for another user, or with an id_token about another subject or from another issuer, is not kept, and its new token is revoked", async () => {
  const other = (id: unknown) => String(id).replace(/\/005\w+$/, "/0055g00000ADMN1AAA")
  const resign = (t: unknown, edit: (c: Record<string, unknown>) => Record<string, unknown>) =>
    new SignJWT(edit({ ...decodeJwt(String(t)) }))
      .setProtectedHeader(decodeProtectedHeader(String(t)) as { alg: string })
      .sign(h.t.org.ctx.signingKey.privateKey)
  const faults: ((
    b: Record<string, unknown>,
  ) => Record<string, unknown> | Promise<Record<string, unknown>>)[] = [
    (b) => ({
      ...b,
      id: other(b.id),
      signature: responseSignature(h.clientSecret, other(b.id), String(b.issued_at)),
    }),
    async (b) => ({
      ...b,
      id_token: await resign(b.id_token, (c) => ({ ...c, sub: other(c.sub) })),
    }),
    async (b) => ({
      ...b,
      id_token: await resign(b.id_token, (c) => ({ ...c, iss: "https://test.salesforce.com" })),
    }),
    (b) => ({ ...b, instance_url: "https://evil.example" }),
  ]
  for (const fault of faults) {
    const { jar, session } = await signedIn()
    let issued: string | undefined
    refreshFault(async (b) => ((issued = String(b.access_token)), fault(b)))
    const r = await refresh(jar)
    expect(r).toEqual({ location: "/inspector#actions", cookies: [] })
    expect(h.paths()).toContain("/services/oauth2/revoke")
    h.reset()
    const { clientFor, orgConnection } = await import("@/lib/org/connection")
    expect((await clientFor(await orgConnection()).introspect(issued!)).active).toBe(false)
    expect((await sessionOf(jar.split("; ")))?.tokens.accessToken).toBe(session.tokens.accessToken)
  }
})

const orgClient = async () => {
  const { clientFor, orgConnection } = await import("@/lib/org/connection")
  return clientFor(await orgConnection())
}

/** The tokens the site asked the org to revoke since the last reset, in order. */
const revokedTokens = () =>
  h.log
    .filter((r) => r.path === "/services/oauth2/revoke")
    .map((r) => new URLSearchParams(r.body).get("token"))

it("C-46 a refresh response whose signature does not verify is not kept, and its new token is revoked", async () => {
  const faults: ((b: Record<string, unknown>) => Record<string, unknown>)[] = [
    (b) => ({
      ...b,
      signature: responseSignature("another secret", String(b.id), String(b.issued_at)),
    }),
    (b) => ({ ...b, issued_at: String(Number(b.issued_at) + 1) }),
    ({ signature: _, ...b }) => b,
  ]
  for (const fault of faults) {
    const { jar, session } = await signedIn()
    let issued: string | undefined
    refreshFault((b) => ((issued = String(b.access_token)), fault(b)))
    expect(await refresh(jar)).toEqual({ location: "/inspector#actions", cookies: [] })
    expect(revokedTokens()).toContain(issued)
    h.reset()
    expect((await (await orgClient()).introspect(issued!)).active).toBe(false)
    expect((await sessionOf(jar.split("; ")))?.tokens.accessToken).toBe(session.tokens.accessToken)
  }
})

it("C-46 with rotation on, a refused refresh response's new refresh token is revoked first, and its access token with it", async () => {
  const db = h.t.org.ctx.db
  const settings = getSettings(db)
  saveSettings(db, { ...settings, refreshTokenRotation: true })
  try {
    const faults: ((b: Record<string, unknown>) => Record<string, unknown>)[] = [
      (b) => ({ ...b, instance_url: "https://evil.example" }),
      (b) => ({
        ...b,
        signature: responseSignature("another secret", String(b.id), String(b.issued_at)),
      }),
    ]
    for (const fault of faults) {
      const { jar, session } = await signedIn()
      let issued: Record<string, unknown> = {}
      refreshFault((b) => ((issued = b), fault(b)))
      expect(await refresh(jar)).toEqual({ location: "/inspector#actions", cookies: [] })
      expect(issued.refresh_token).toEqual(expect.any(String))
      expect(issued.refresh_token).not.toBe(session.tokens.refreshToken)
      expect(revokedTokens()[0]).toBe(issued.refresh_token)
      h.reset()
      const client = await orgClient()
      expect((await client.introspect(String(issued.access_token))).active).toBe(false)
      expect((await client.introspect(String(issued.refresh_token), "refresh_token")).active).toBe(
        false,
      )
    }
  } finally {
    saveSettings(db, settings)
  }
})

it("C-46 invalid_grant on refresh is asked once, never retried, and leaves the session as it was", async () => {
  const { jar, session } = await signedIn()
  const { clientFor, orgConnection } = await import("@/lib/org/connection")
  await clientFor(await orgConnection()).revoke(session.tokens.refreshToken!)
  h.reset()
  const r = await refresh(jar)
  expect(r).toEqual({ location: "/inspector#actions", cookies: [] })
  expect(h.tokenCalls()).toHaveLength(1)
})
