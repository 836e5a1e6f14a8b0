import { afterAll, beforeAll, beforeEach, expect, it } from "vitest"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { runAuthorize, TestBrowser } from "../../_helpers/browser"
import {
  cookieHeader,
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
