import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import {
  MAX_ENTRY_BYTES,
  MAX_TRANSCRIPT_BYTES,
  MAX_TRANSCRIPT_ENTRIES,
  droppedNote,
} from "@/lib/transcript/cap"
import type { TranscriptEntry } from "@/lib/transcript/types"

/** The transcript's caps (lib/transcript/cap.ts, docs/security.md C-79), enforced when written. */
beforeAll(() => {
  process.env.SALESFORCE_LAB_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-cap-"))
})

const note = (step: string): TranscriptEntry => ({ kind: "note", at: Date.now(), step, text: step })
const exchange = (step: string, over: Partial<HttpExchange> = {}): TranscriptEntry => ({
  kind: "exchange",
  at: Date.now(),
  exchange: {
    step,
    method: "GET",
    url: "https://login.example.test/services/data",
    requestHeaders: { accept: "application/json" },
    status: 200,
    responseHeaders: { "content-type": "application/json" },
    responseBody: "{}",
    startedAt: Date.now(),
    durationMs: 1,
    ...over,
  } as HttpExchange,
})
const steps = (entries: TranscriptEntry[]) =>
  entries.map((e) => (e.kind === "exchange" ? e.exchange.step : e.step))
const turn = () => new Promise((resolve) => setImmediate(resolve))

/** What the site's file holds for a transcript: entries and their real size in bytes. */
async function stored(transcriptId: string) {
  const { flushEntries } = await import("@/lib/transcript/store")
  flushEntries()
  const Database = (await import("better-sqlite3")).default
  const db = new Database(path.join(process.env.SALESFORCE_LAB_DATA_DIR!, "site.sqlite"), {
    readonly: true,
  })
  try {
    return db
      .prepare(
        "SELECT COUNT(*) AS n, COALESCE(SUM(length(CAST(entry AS BLOB))), 0) AS bytes FROM transcript WHERE transcript_id = ?",
      )
      .get(transcriptId) as { n: number; bytes: number }
  } finally {
    db.close()
  }
}

describe("C-79 the transcript cap", () => {
  it("C-79 writing more entries than the cap keeps the newest ones, counts the dropped ones, and keeps the facts", async () => {
    const { appendEntry, putFact, readDropped, readFacts, readTranscript } =
      await import("@/lib/transcript/store")
    const id = "capped-by-entries-0000"
    putFact(id, "identity", JSON.stringify({ ok: true, value: { username: "demo@example.com" } }))
    // Two batches, as two requests would write them: the cap holds across flushes.
    for (let i = 0; i < 150; i++) appendEntry(id, note(`step ${i}`))
    await turn()
    expect(readDropped(id)).toBe(0)
    for (let i = 150; i < MAX_TRANSCRIPT_ENTRIES + 60; i++) appendEntry(id, note(`step ${i}`))
    await turn()

    const kept = readTranscript(id)
    expect(kept).toHaveLength(MAX_TRANSCRIPT_ENTRIES)
    expect(steps(kept)[0]).toBe("step 60")
    expect(steps(kept).at(-1)).toBe(`step ${MAX_TRANSCRIPT_ENTRIES + 59}`)
    expect(readDropped(id)).toBe(60)
    expect((await stored(id)).n).toBe(MAX_TRANSCRIPT_ENTRIES)
    // Facts are not entries: the cap never drops them.
    expect(readFacts(id).identity).toEqual({ ok: true, value: { username: "demo@example.com" } })
    // Another transcript is untouched by this one's cap.
    appendEntry("uncapped-neighbour-000", note("alone"))
    expect(readDropped("uncapped-neighbour-000")).toBe(0)
    expect(steps(readTranscript("uncapped-neighbour-000"))).toEqual(["alone"])
  })

  it("C-79 the byte cap holds for large bodies, the newest entries kept", async () => {
    const { appendEntry, readDropped, readTranscript } = await import("@/lib/transcript/store")
    const id = "capped-by-bytes-000000"
    const body = "x".repeat(200 * 1024) // under the per-entry cap, so kept whole
    for (let i = 0; i < 12; i++) appendEntry(id, exchange(`big ${i}`, { responseBody: body }))
    await turn()

    const { n, bytes } = await stored(id)
    expect(bytes).toBeLessThanOrEqual(MAX_TRANSCRIPT_BYTES)
    expect(n).toBeGreaterThan(0)
    expect(n).toBeLessThan(12)
    const kept = readTranscript(id)
    expect(steps(kept).at(-1)).toBe("big 11")
    expect(steps(kept)[0]).toBe(`big ${12 - n}`)
    expect(kept.every((e) => e.kind === "exchange" && e.exchange.responseBody === body)).toBe(true)
    expect(readDropped(id)).toBe(12 - n)
  })

  it("C-79 a single entry larger than the per-entry cap is cut, and does not evict the earlier steps", async () => {
    const { appendEntry, readDropped, readTranscript } = await import("@/lib/transcript/store")
    const id = "one-huge-entry-0000000"
    for (let i = 0; i < 5; i++) appendEntry(id, note(`before ${i}`))
    appendEntry(id, exchange("huge", { responseBody: "y".repeat(5 * 1024 * 1024) }))
    // Enormous headers cannot be cut like a body: the entry becomes a note naming its step.
    appendEntry(
      id,
      exchange("huge headers", { responseHeaders: { x: "z".repeat(2 * MAX_ENTRY_BYTES) } }),
    )
    await turn()

    const kept = readTranscript(id)
    expect(steps(kept)).toEqual([
      "before 0",
      "before 1",
      "before 2",
      "before 3",
      "before 4",
      "huge",
      "huge headers",
    ])
    expect(readDropped(id)).toBe(0)
    const huge = kept[5]!
    expect(huge.kind === "exchange" ? huge.exchange.responseBody : "").toMatch(
      /^y{32000}\n… \[cut: \d+ more characters not kept in the transcript\]$/,
    )
    expect(kept[6]).toMatchObject({
      kind: "note",
      text: expect.stringMatching(/larger than 256 KB/),
    })
    expect((await stored(id)).bytes).toBeLessThanOrEqual(2 * MAX_ENTRY_BYTES)
  })

  it("C-79 says how many steps were dropped, and nothing when none were", () => {
    expect(droppedNote(0)).toBeUndefined()
    expect(droppedNote(1)).toBe(
      "1 earlier step was dropped to keep this transcript under 200 steps and 1 MB; the latest steps are shown.",
    )
    expect(droppedNote(60)).toMatch(/^60 earlier steps were dropped to keep this transcript under/)
  })
})
