import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { beforeAll, describe, expect, it } from "vitest"
import type { TranscriptEntry } from "@/lib/transcript/types"

beforeAll(() => {
  process.env.SALESFORCE_LAB_DATA_DIR = fs.mkdtempSync(
    path.join(os.tmpdir(), "oauth-lab-transcript-"),
  )
})

const DAY = 24 * 60 * 60 * 1000
const note = (at: number, step: string) => ({ kind: "note" as const, at, step, text: step })
const steps = (entries: TranscriptEntry[]) =>
  entries.map((e) => (e.kind === "exchange" ? e.exchange.step : e.step))

describe("the transcript store", () => {
  it("drops a transcript a day after its last entry, and keeps one whose latest entry is recent", async () => {
    const { appendEntry, pruneTranscripts, readTranscript } = await import("@/lib/transcript/store")
    const now = Date.now()
    appendEntry("expired-transcript-000", note(now - 3 * DAY, "old start"))
    appendEntry("expired-transcript-000", note(now - 2 * DAY, "old end"))
    appendEntry("long-lived-transcript0", note(now - 3 * DAY, "started long ago"))
    appendEntry("long-lived-transcript0", note(now - 1000, "still in use"))
    appendEntry("fresh-transcript-00000", note(now, "new"))

    pruneTranscripts(now)

    expect(readTranscript("expired-transcript-000")).toEqual([])
    expect(steps(readTranscript("long-lived-transcript0"))).toEqual([
      "started long ago",
      "still in use",
    ])
    expect(steps(readTranscript("fresh-transcript-00000"))).toEqual(["new"])
  })

  it("a new transcript prunes at most once a minute: concurrent sign-ins keep sharing one write batch", async () => {
    const { appendEntry, pruneTranscriptsIfDue, readTranscript } =
      await import("@/lib/transcript/store")
    // Far ahead of any real clock, so no prune from another test counts as the last one.
    const t = Date.now() + 400 * DAY
    appendEntry("expired-by-minute-0000", note(t - 2 * DAY, "old"))
    pruneTranscriptsIfDue(t)
    expect(readTranscript("expired-by-minute-0000")).toEqual([])
    appendEntry("expired-by-minute-0001", note(t - 2 * DAY, "old"))
    pruneTranscriptsIfDue(t + 59_000)
    expect(steps(readTranscript("expired-by-minute-0001"))).toEqual(["old"])
    pruneTranscriptsIfDue(t + 60_000)
    expect(readTranscript("expired-by-minute-0001")).toEqual([])
  })

  it("reads its own entries at once, and writes them to the file when the event-loop turn ends", async () => {
    const { appendEntry, readTranscript } = await import("@/lib/transcript/store")
    const Database = (await import("better-sqlite3")).default
    const other = new Database(path.join(process.env.SALESFORCE_LAB_DATA_DIR!, "site.sqlite"), {
      readonly: true,
    })
    const inFile = () =>
      other
        .prepare("SELECT COUNT(*) AS n FROM transcript WHERE transcript_id = ?")
        .get("batched-transcript-000") as { n: number }
    appendEntry("batched-transcript-000", note(Date.now(), "one"))
    appendEntry("batched-transcript-000", note(Date.now(), "two"))
    expect(inFile().n).toBe(0)
    await new Promise((resolve) => setImmediate(resolve))
    expect(inFile().n).toBe(2)
    appendEntry("batched-transcript-000", note(Date.now(), "three"))
    expect(steps(readTranscript("batched-transcript-000"))).toEqual(["one", "two", "three"])
    other.close()
  })

  it("C-79 drops the count of capped entries with the transcript that expired", async () => {
    const { appendEntry, pruneTranscripts, readDropped } = await import("@/lib/transcript/store")
    const { MAX_TRANSCRIPT_ENTRIES } = await import("@/lib/transcript/cap")
    const now = Date.now()
    for (let i = 0; i < MAX_TRANSCRIPT_ENTRIES + 3; i++) {
      appendEntry("expired-and-capped-000", note(now - 3 * DAY, `old ${i}`))
      appendEntry("recent-and-capped-0000", note(now, `new ${i}`))
    }
    expect(readDropped("expired-and-capped-000")).toBe(3)

    pruneTranscripts(now)

    expect(readDropped("expired-and-capped-000")).toBe(0)
    expect(readDropped("recent-and-capped-0000")).toBe(3)
  })
})
