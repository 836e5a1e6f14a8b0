import type Database from "better-sqlite3"
import type { TranscriptEntry } from "./types"

/**
 * How much one session's transcript may hold (docs/security.md, C-79). A sign-in records about seven
 * entries and each inspector action two or three, so 200 entries is hours of clicking; a sign-in's
 * entries weigh a few kilobytes, so 1 MB is far beyond any normal session while still bounding the
 * site's SQLite file per session, whoever drives an action in a loop. The oldest entries go first:
 * the latest steps are the ones a developer is looking at.
 */
export const MAX_TRANSCRIPT_ENTRIES = 200
export const MAX_TRANSCRIPT_BYTES = 1024 * 1024
/**
 * One entry may take at most a quarter of the byte cap. A single huge response body (an API call that
 * returns megabytes) would otherwise evict every earlier step, or not fit at all: its bodies are cut
 * to BODY_CHARS_WHEN_CUT with a marker saying how much was left out, and an entry still too large
 * (enormous headers, say) is replaced by a note naming its step. Cutting only removes text from
 * entries that were redacted before they got here, so it never exposes anything.
 */
export const MAX_ENTRY_BYTES = MAX_TRANSCRIPT_BYTES / 4
const BODY_CHARS_WHEN_CUT = 32_000

const cut = (body: string | undefined): string | undefined =>
  body && body.length > BODY_CHARS_WHEN_CUT
    ? `${body.slice(0, BODY_CHARS_WHEN_CUT)}\n… [cut: ${body.length - BODY_CHARS_WHEN_CUT} more characters not kept in the transcript]`
    : body

const encoder = new TextEncoder()
const bytesOf = (s: string) => encoder.encode(s).length

/** The entry as it will be stored, serialized, and its size: within MAX_ENTRY_BYTES. */
export function fitEntry(entry: TranscriptEntry): { json: string; bytes: number } {
  let json = JSON.stringify(entry)
  if (bytesOf(json) <= MAX_ENTRY_BYTES) return { json, bytes: bytesOf(json) }
  if (entry.kind === "exchange") {
    const ex = entry.exchange
    json = JSON.stringify({
      ...entry,
      exchange: { ...ex, requestBody: cut(ex.requestBody), responseBody: cut(ex.responseBody) },
    })
    if (bytesOf(json) <= MAX_ENTRY_BYTES) return { json, bytes: bytesOf(json) }
  }
  const step = entry.kind === "exchange" ? entry.exchange.step : entry.step
  json = JSON.stringify({
    kind: "note",
    at: entry.at,
    step: step.slice(0, 200),
    text: `This step's record was larger than ${MAX_ENTRY_BYTES / 1024} KB and was not kept.`,
  } satisfies TranscriptEntry)
  return { json, bytes: bytesOf(json) }
}

/**
 * Given a transcript's entries newest first (seq and stored size), the highest seq to delete so what
 * is left holds at most MAX_TRANSCRIPT_ENTRIES entries and MAX_TRANSCRIPT_BYTES bytes; undefined when
 * everything fits.
 */
export function evictionCutoff(newestFirst: { seq: number; bytes: number }[]): number | undefined {
  let bytes = 0
  for (const [i, row] of newestFirst.entries()) {
    bytes += row.bytes
    if (i >= MAX_TRANSCRIPT_ENTRIES || bytes > MAX_TRANSCRIPT_BYTES) return row.seq
  }
  return undefined
}

/**
 * Deletes a transcript's oldest entries beyond the caps (C-79), in the transaction that
 * wrote its new ones, and counts them so the inspector can say so. Facts are kept: they are not
 * entries. The sizes come from the (transcript_id, seq, bytes) index, at most a cap's worth of rows
 * plus one batch.
 */
export function enforceCap(d: Database.Database, transcriptId: string): void {
  const sizes = d
    .prepare("SELECT seq, bytes FROM transcript WHERE transcript_id = ? ORDER BY seq DESC")
    .all(transcriptId) as { seq: number; bytes: number }[]
  const cutoff = evictionCutoff(sizes)
  if (cutoff === undefined) return
  const { changes } = d
    .prepare("DELETE FROM transcript WHERE transcript_id = ? AND seq <= ?")
    .run(transcriptId, cutoff)
  d.prepare(
    `INSERT INTO transcript_dropped (transcript_id, dropped, at) VALUES (?, ?, ?)
     ON CONFLICT (transcript_id) DO UPDATE SET dropped = dropped + excluded.dropped, at = excluded.at`,
  ).run(transcriptId, changes, Date.now())
}

/** The note the inspector shows above a transcript that lost its oldest entries to the cap. */
export function droppedNote(dropped: number): string | undefined {
  if (dropped <= 0) return undefined
  const n = dropped === 1 ? "1 earlier step was" : `${dropped} earlier steps were`
  return `${n} dropped to keep this transcript under ${MAX_TRANSCRIPT_ENTRIES} steps and ${MAX_TRANSCRIPT_BYTES / 1024 / 1024} MB; the latest steps are shown.`
}
