import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { explainFailure } from "@/lib/explain/flow-errors"
import { USERS } from "@/lib/emulator/seed/records"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import {
  cookieHeader,
  failureOf,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/** The site's legacy Username-Password flow (lib/flows/username-password.ts) against a served org. */
const DEMO = USERS.find((u) => u.Username === "demo@example.com")!

let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const allow = (on: boolean) =>
  saveSettings(h.t.org.ctx.db, { ...getSettings(h.t.org.ctx.db), allowUsernamePasswordFlow: on })
async function run(username: string, password: string) {
  const { runUsernamePassword } = await import("@/lib/flows/username-password")
  return runUsernamePassword(username, password)
}
async function transcriptOf(id: string) {
  const { flushEntries, readTranscript } = await import("@/lib/transcript/store")
  flushEntries()
  return JSON.stringify(readTranscript(id))
}

describe("the Username-Password flow", () => {
  it("is refused while the org blocks it, with Salesforce's words, explained as the blocked legacy flow", async () => {
    allow(false)
    const r = await run(DEMO.Username, DEMO.password)
    expect(r.location).toBe("/flows/error")
    const f = (await failureOf(r.cookies))!
    expect(f).toMatchObject({
      flow: "username-password",
      error: "invalid_grant",
      errorDescription: "authentication failure",
    })
    const x = explainFailure(f as Parameters<typeof explainFailure>[0], true)
    expect(x.entryId).toBe("username-password-authentication-failure")
  })

  it("signs in once the org allows it; the token request carries the password, and nothing else keeps it", async () => {
    allow(true)
    const r = await run(DEMO.Username, DEMO.password)
    expect(r.location).toBe("/inspector")
    const s = (await sessionOf(r.cookies))!
    expect(s.flow).toBe("username-password")
    expect(s.user.username).toBe(DEMO.Username)
    expect(s.tokens.refreshToken).toBeUndefined()
    expect(new URLSearchParams(h.tokenCalls()[0]!.body).get("password")).toBe(DEMO.password)
  })

  it("C-120 the password is never stored, logged, put in the session or error cookie, or shown in the transcript", async () => {
    const secretPassword = "Pa55-word-CANARY-7f3e"
    const logs = [vi.spyOn(console, "log"), vi.spyOn(console, "error"), vi.spyOn(console, "warn")]
    try {
      allow(true)
      const failed = await run(DEMO.Username, secretPassword)
      expect(failed.location).toBe("/flows/error")
      const f = (await failureOf(failed.cookies))!
      expect(JSON.stringify(f)).not.toContain(secretPassword)
      expect(cookieHeader(failed.cookies)).not.toContain(secretPassword)
      const failedTranscript = await transcriptOf(String(f.transcriptId))
      expect(failedTranscript).toContain("password=[REDACTED password]")
      expect(failedTranscript).not.toContain(secretPassword)
      expect(failedTranscript).not.toContain(encodeURIComponent(secretPassword))

      const ok = await run(DEMO.Username, DEMO.password)
      const s = (await sessionOf(ok.cookies))!
      expect(JSON.stringify(s)).not.toContain(DEMO.password)
      expect(await transcriptOf(s.transcriptId)).not.toContain(DEMO.password)
      for (const spy of logs)
        for (const call of spy.mock.calls) {
          expect(JSON.stringify(call)).not.toContain(secretPassword)
          expect(JSON.stringify(call)).not.toContain(DEMO.password)
        }
    } finally {
      for (const spy of logs) spy.mockRestore()
    }
  })

  it("an empty username or password is refused without calling the org (EF4)", async () => {
    for (const [u, p] of [
      [DEMO.Username, ""],
      ["", DEMO.password],
    ]) {
      const r = await run(u!, p!)
      expect(await failureOf(r.cookies)).toMatchObject({ code: "MISSING_CREDENTIALS" })
    }
    expect(h.tokenCalls()).toEqual([])
  })
})
