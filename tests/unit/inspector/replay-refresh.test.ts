import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { runAuthorize, TestBrowser } from "../../_helpers/browser"
import {
  cookieHeader,
  isTokenRequest,
  rewriteJson,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The inspector's Refresh under rotation, and *Replay the old refresh token* (issue 14 item 4):
 * the retired token comes back, the org revokes the whole family, and the session says so.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => {
  h.reset()
  saveSettings(h.t.org.ctx.db, { ...getSettings(h.t.org.ctx.db), refreshTokenRotation: true })
})

async function signIn(): Promise<string[]> {
  const { startWebServer, finishWebServer } = await import("@/lib/flows/web-server")
  const start = await startWebServer()
  const run = await runAuthorize(
    new TestBrowser(h.t),
    h.t,
    Object.fromEntries(new URL(start.location).searchParams),
    { username: "demo@example.com", password: "demo1234" },
  )
  const r = await finishWebServer(new URL(run.location!), cookieHeader(start.cookies))
  expect(r.location).toBe("/inspector")
  return r.cookies
}

const act = async (action: "refresh" | "replay-old-refresh", cookies: string[]) => {
  const { runInspectorAction } = await import("@/lib/inspector/actions")
  return (await runInspectorAction(action, {}, cookieHeader(cookies))).cookies
}

it("C-144 Refresh keeps the retired refresh token; replaying it revokes the family, the new refresh token included", async () => {
  const first = await signIn()
  const original = (await sessionOf(first))!.tokens.refreshToken!
  const refreshed = await act("refresh", first)
  const s = (await sessionOf(refreshed))!
  expect(s.tokens.refreshToken).not.toBe(original)
  expect(s.rotation).toMatchObject({ old: `${original.slice(0, 8)}…`, retired: original })

  const replayed = await act("replay-old-refresh", refreshed)
  const after = (await sessionOf(replayed))!
  expect(after.revoked).toMatchObject({ kind: "refresh_token", byReuse: true })
  expect(after.rotation?.retired).toBeUndefined()
  const { flushEntries, readTranscript } = await import("@/lib/transcript/store")
  flushEntries()
  expect(JSON.stringify(readTranscript(after.transcriptId))).toContain("reuse detected")

  // The org revoked the family: the current refresh token is dead too.
  const res = await h.t.call("/services/oauth2/token", {
    form: {
      grant_type: "refresh_token",
      refresh_token: s.tokens.refreshToken!,
      client_id: h.clientId,
      client_secret: h.clientSecret,
    },
  })
  expect(await res.json()).toEqual({
    error: "invalid_grant",
    error_description: "expired access/refresh token",
  })
})

it("C-46 C-144 a replay the org accepts is not kept: its new refresh token is revoked first, and its access token with it", async () => {
  const signedIn = (await sessionOf(await signIn()))!
  // An org without reuse detection: the "retired" token it is shown is one it still honours.
  const current = signedIn.tokens.refreshToken!
  const { sessionSetCookies } = await import("@/lib/auth/session-cookie")
  const cookies = await sessionSetCookies({
    ...signedIn,
    rotation: {
      old: `${current.slice(0, 8)}…`,
      new: "5Aep0000…",
      at: Date.now(),
      retired: current,
    },
  })
  let issued: Record<string, unknown> = {}
  h.fault = (req, res) =>
    isTokenRequest(req) && res.status === 200 ? rewriteJson(res, (b) => (issued = b)) : res
  const after = (await sessionOf(await act("replay-old-refresh", cookies)))!
  expect(after.rotation?.retired).toBeUndefined()
  expect(issued.refresh_token).toEqual(expect.any(String))
  const revoked = h.log
    .filter((r) => r.path === "/services/oauth2/revoke")
    .map((r) => new URLSearchParams(r.body).get("token"))
  expect(revoked[0]).toBe(issued.refresh_token)
  h.reset()
  const { clientFor, orgConnection } = await import("@/lib/org/connection")
  const client = clientFor(await orgConnection())
  expect((await client.introspect(String(issued.access_token))).active).toBe(false)
  expect((await client.introspect(String(issued.refresh_token), "refresh_token")).active).toBe(
    false,
  )
})
