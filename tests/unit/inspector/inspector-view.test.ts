import path from "node:path"
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { signedInWebServer, startSiteHarness, type SiteHarness } from "../../_helpers/site-harness"

/**
 * The inspector's view model (lib/inspector/inspector-view.ts), which the page only renders, is built
 * from typed facts the flow and the actions kept, never from the transcript's labels or bodies.
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const signedIn = () => signedInWebServer(h)

async function view(session: Awaited<ReturnType<typeof signedIn>>["session"]) {
  const { inspectorView } = await import("@/lib/inspector/inspector-view")
  const { orgConnection } = await import("@/lib/org/connection")
  return inspectorView(session, await orgConnection())
}

async function act(action: "refresh" | "api-versions", jar: string) {
  const { runInspectorAction } = await import("@/lib/inspector/actions")
  return runInspectorAction(action, {}, jar)
}

/** Rewrites every step label of a transcript in the site's SQLite file, as a rewording would. */
async function renameSteps(transcriptId: string) {
  const { flushEntries } = await import("@/lib/transcript/store")
  const { getConfig } = await import("@/lib/config/env")
  flushEntries()
  const Database = (await import("better-sqlite3")).default
  const db = new Database(path.join(getConfig().dataDir, "site.sqlite"))
  try {
    const rows = db
      .prepare("SELECT seq, entry FROM transcript WHERE transcript_id = ?")
      .all(transcriptId) as { seq: number; entry: string }[]
    const update = db.prepare("UPDATE transcript SET entry = ? WHERE seq = ?")
    for (const { seq, entry } of rows) {
      const e = JSON.parse(entry) as { kind: string; step?: string; exchange?: { step: string } }
      if (e.exchange) e.exchange.step = `renamed step ${seq}`
      else e.step = `renamed step ${seq}`
      update.run(JSON.stringify(e), seq)
    }
  } finally {
    db.close()
  }
}

describe("the inspector's view", () => {
  it("shows the same verifications, identity, userinfo and API result when every transcript label is reworded", async () => {
    const { jar, session } = await signedIn()
    expect((await act("api-versions", jar)).location).toBe("/inspector#api")
    const before = await view(session)
    expect(before.verifications.signature).toMatchObject({ status: "pass" })
    expect(before.verifications.idToken).toMatchObject({
      status: "pass",
      detail: expect.stringContaining("kid"),
    })
    expect(before.verifications.introspection).toMatchObject({ status: "pass" })
    expect(before.identity).toMatchObject({ ok: true, value: { username: "demo@example.com" } })
    expect(before.userinfo).toMatchObject({
      ok: true,
      value: { preferred_username: "demo@example.com" },
    })
    expect(before.api).toMatchObject({
      label: "Call the API: versions",
      status: 200,
      body: expect.any(Array),
    })
    expect(
      before.entries.some(
        (e) => e.kind === "exchange" && e.exchange.step === "fetch the org's signing keys",
      ),
    ).toBe(true)

    await renameSteps(session.transcriptId)

    const after = await view(session)
    expect(
      after.entries.every((e) =>
        (e.kind === "exchange" ? e.exchange.step : e.step).startsWith("renamed step"),
      ),
    ).toBe(true)
    const { entries: _before, ...shownBefore } = before
    const { entries: _after, ...shownAfter } = after
    expect(shownAfter).toEqual(shownBefore)
  })

  it("renders after the org answered its JWKS with something not JSON, the id_token check failing with the reason", async () => {
    const { jar, session } = await signedIn()
    const page = "<html><body>Down for maintenance</body></html>"
    h.fault = (req, res) =>
      new URL(req.url).pathname.endsWith("/id/keys")
        ? new Response(page, { status: 200, headers: { "content-type": "text/html" } })
        : res
    // A Refresh verifies the new id_token with a fresh JWKS (OIDC Core §12.2): that fetch gets the page.
    expect(await act("refresh", jar)).toEqual({ location: "/inspector#actions", cookies: [] })
    h.reset()

    const v = await view(session)
    // The non-JSON answer is in the transcript, as recorded, where the page once parsed it.
    expect(
      v.entries.some(
        (e) =>
          e.kind === "exchange" && e.exchange.status === 200 && e.exchange.responseBody === page,
      ),
    ).toBe(true)
    expect(v.verifications.idToken).toEqual({
      status: "fail",
      detail: expect.stringMatching(
        /^the org's JWKS could not be read \(expected JSON from Salesforce but got text\/html \(HTTP 200\)\)/,
      ),
    })
    // The rest of the inspector is as it was.
    expect(v.verifications.signature).toMatchObject({ status: "pass" })
    expect(v.identity).toMatchObject({ ok: true, value: { username: "demo@example.com" } })
  })

  it("C-79 exposes how many steps the transcript's cap dropped, and the transcript view says so above the steps", async () => {
    const { createElement } = await import("react")
    const { renderToStaticMarkup } = await import("react-dom/server")
    const { TranscriptView } = await import("@/app/inspector/_components/transcript-view")
    const { MAX_TRANSCRIPT_ENTRIES } = await import("@/lib/transcript/cap")
    const { appendEntry } = await import("@/lib/transcript/store")
    const render = (v: { entries: unknown[]; dropped: number }) =>
      renderToStaticMarkup(createElement(TranscriptView, v as never))
    const { jar, session } = await signedIn()

    const before = await view(session)
    expect(before.dropped).toBe(0)
    expect(render(before)).not.toMatch(/dropped/)

    const signIn = before.entries.length
    for (let i = 0; i < MAX_TRANSCRIPT_ENTRIES; i++)
      appendEntry(session.transcriptId, {
        kind: "note",
        at: Date.now(),
        step: `filler ${i}`,
        text: "",
      })
    expect(await act("api-versions", jar)).toMatchObject({ location: "/inspector#api" })

    const v = await view(session)
    expect(v.entries).toHaveLength(MAX_TRANSCRIPT_ENTRIES)
    // The newest entries are kept: the last fillers, then the action's own.
    const isFiller = (e: (typeof v.entries)[number]) =>
      e.kind === "note" && e.step.startsWith("filler")
    const lastFiller = v.entries.length - 1 - [...v.entries].reverse().findIndex(isFiller)
    const actionSteps = v.entries.length - 1 - lastFiller
    expect(actionSteps).toBeGreaterThan(0)
    expect(v.entries.at(-1)?.kind).toBe("exchange")
    expect(v.dropped).toBe(signIn + actionSteps)

    const html = render(v)
    const note = `${v.dropped} earlier steps were dropped to keep this transcript under ${MAX_TRANSCRIPT_ENTRIES} steps and 1 MB`
    expect(html).toContain(note)
    expect(html.indexOf(note)).toBeLessThan(html.indexOf("<ol"))
    // The numbering goes on from the dropped steps rather than starting again at 1.
    expect(html).toContain(`${v.dropped + 1}. filler`)
  })
})
