import { SignJWT, decodeJwt, decodeProtectedHeader } from "jose"
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import type { LabSession } from "@/lib/auth/session-types"
import {
  cookieHeader,
  isTokenRequest,
  rewriteJson,
  sessionOf,
  signedInWebServer,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The inspector's id_token proof after a Refresh (lib/inspector/verifications.ts): a refreshed
 * id_token is checked as OIDC Core §12.2 says, against the sign-in id_token's iss, sub and aud,
 * with the nonce absent or the original's, and its times as of when it arrived; the sign-in one
 * keeps the sign-in checks.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

async function seal(session: LabSession): Promise<string> {
  const { sessionSetCookies } = await import("@/lib/auth/session-cookie")
  return cookieHeader(await sessionSetCookies(session))
}

async function refreshed(jar: string): Promise<LabSession> {
  const { runInspectorAction } = await import("@/lib/inspector/actions")
  const r = await runInspectorAction("refresh", {}, jar)
  expect(r.location).toBe("/inspector#actions")
  const s = await sessionOf(r.cookies)
  expect(s).toBeDefined()
  return s!
}

async function idTokenProof(session: LabSession) {
  const { inspectorView } = await import("@/lib/inspector/inspector-view")
  const { orgConnection } = await import("@/lib/org/connection")
  return (await inspectorView(session, await orgConnection())).verifications.idToken
}

/** The org's own signature over `token`'s claims as `edit` changes them. */
const resign = (token: string, edit: (c: Record<string, unknown>) => Record<string, unknown>) =>
  new SignJWT(edit({ ...decodeJwt(token) }))
    .setProtectedHeader(decodeProtectedHeader(token) as { alg: string })
    .sign(h.t.org.ctx.signingKey.privateKey)

it("C-46 the inspector passes a genuine id_token from a Refresh right after sign-in, which carries no nonce", async () => {
  const { jar, session } = await signedInWebServer(h)
  expect(session.tokens.idToken).toBeDefined()
  expect(await idTokenProof(session)).toMatchObject({ status: "pass" })
  const after = await refreshed(jar)
  expect(after.tokens.idToken).not.toBe(session.tokens.idToken)
  expect(decodeJwt(after.tokens.idToken!).nonce).toBeUndefined()
  expect(await idTokenProof(after)).toMatchObject({
    status: "pass",
    detail: expect.stringContaining("Refresh"),
  })
})

it("C-46 the inspector passes a genuine id_token from a Refresh made long after sign-in (its iat is the refresh's)", async () => {
  const { session } = await signedInWebServer(h)
  const earlier = { ...session, signedInAt: session.signedInAt - 10 * 60_000 }
  const after = await refreshed(await seal(earlier))
  expect(after.signedInAt).toBe(earlier.signedInAt)
  expect(await idTokenProof(after)).toMatchObject({ status: "pass" })
})

it("C-46 the inspector fails a refreshed id_token about another subject, or with another nonce, and passes one repeating the sign-in nonce", async () => {
  const { jar, session } = await signedInWebServer(h)
  const after = await refreshed(jar)
  const token = after.tokens.idToken!
  const otherSub = await resign(token, (c) => ({
    ...c,
    sub: String(c.sub).replace(/\/005\w+$/, "/0055g00000ADMN1AAA"),
  }))
  expect(await idTokenProof({ ...after, tokens: { ...after.tokens, idToken: otherSub } })).toEqual({
    status: "fail",
    detail: expect.stringContaining('"sub"'),
  })
  const otherNonce = await resign(token, (c) => ({ ...c, nonce: "another-nonce" }))
  expect(
    await idTokenProof({ ...after, tokens: { ...after.tokens, idToken: otherNonce } }),
  ).toEqual({ status: "fail", detail: expect.stringContaining('"nonce"') })
  const sameNonce = await resign(token, (c) => ({ ...c, nonce: session.idTokenNonce }))
  expect(
    await idTokenProof({ ...after, tokens: { ...after.tokens, idToken: sameNonce } }),
  ).toMatchObject({ status: "pass" })
})

it("C-46 the inspector keeps the sign-in id_token, and its checks, when a Refresh brings none", async () => {
  const { jar, session } = await signedInWebServer(h)
  h.fault = (req, res) =>
    isTokenRequest(req) && res.status === 200 ? rewriteJson(res, ({ id_token: _, ...b }) => b) : res
  const after = await refreshed(jar)
  expect(after.tokens.accessToken).not.toBe(session.tokens.accessToken)
  expect(after.tokens.idToken).toBe(session.tokens.idToken)
  // Its at_hash is about the sign-in's access token, which the Refresh replaced.
  expect(await idTokenProof(after)).toMatchObject({
    status: "pass",
    detail: expect.stringContaining("at_hash"),
  })
})
