import "server-only"
import type Database from "better-sqlite3"
import { getConfig } from "@/lib/config/env"
import { openSiteDb } from "@/lib/sqlite/open-site-db"
import { enforceCap, fitEntry } from "./cap"
import { parseFacts, type InspectorFact, type InspectorFacts } from "./facts"
import type { TranscriptEntry } from "./types"

/**
 * A transcript is dropped a day after its last entry: longer than any session (8 hours after its
 * last change), so the inspector never loses the flow it shows.
 */
const RETENTION_MS = 24 * 60 * 60 * 1000

let db: Database.Database | undefined

/**
 * The transcripts, in the site's own SQLite file beside the org's. A file (not memory) so that a
 * flow recorded by one instance is shown by another, and a restart keeps them. Entries are
 * redacted before they get here: the file holds no secret.
 */
function open(): Database.Database {
  if (db) return db
  // A transcript is a debugging record written several times per sign-in: in WAL mode, NORMAL still
  // keeps every committed entry when the process dies, and only skips the disk flush per entry
  // (the last entries may be lost to a power cut, which a debugging record can afford).
  db = openSiteDb(getConfig().dataDir, "NORMAL")
  db.exec(`CREATE TABLE IF NOT EXISTS transcript (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, transcript_id TEXT NOT NULL, at INTEGER NOT NULL, entry TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS transcript_by_at ON transcript (at);
    CREATE TABLE IF NOT EXISTS transcript_fact (
    transcript_id TEXT NOT NULL, kind TEXT NOT NULL, at INTEGER NOT NULL, value TEXT NOT NULL, PRIMARY KEY (transcript_id, kind));
    CREATE INDEX IF NOT EXISTS transcript_fact_by_at ON transcript_fact (at);
    CREATE TABLE IF NOT EXISTS transcript_dropped (
    transcript_id TEXT PRIMARY KEY, dropped INTEGER NOT NULL, at INTEGER NOT NULL);`)
  // Each entry's stored size (./cap.ts, C-79), in an index with the seq so the cap reads a
  // transcript's sizes without touching the entries. A file from before the cap gets the column.
  const columns = db.prepare("PRAGMA table_info(transcript)").all() as { name: string }[]
  if (!columns.some((c) => c.name === "bytes"))
    db.exec(`ALTER TABLE transcript ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
      UPDATE transcript SET bytes = length(CAST(entry AS BLOB));`)
  db.exec(`DROP INDEX IF EXISTS transcript_by_id;
    CREATE INDEX IF NOT EXISTS transcript_by_id_size ON transcript (transcript_id, seq, bytes);`)
  return db
}

/**
 * Entries waiting to be written. A sign-in records about seven entries, and a transaction per entry
 * cost a JWT Bearer login about as much event-loop time as its RSA signature; entries are now written
 * together when the current event-loop turn ends (setImmediate), one transaction per batch, which
 * raised logins per second by about 15%. The queue lives on globalThis because the route and page
 * bundles each load their own copy of this module: any reader in this process flushes it first, so
 * reads here never miss an entry. Another instance sharing the file sees the entries when that turn
 * ends, normally well before the browser's next request.
 */
interface PendingEntries {
  rows: [transcriptId: string, at: number, entry: string, bytes: number][]
  /** The inspector's facts (./facts.ts), written with the entries: a later one of a kind replaces the earlier. */
  facts?: [transcriptId: string, kind: string, at: number, value: string][]
  scheduled: boolean
}
const PENDING = Symbol.for("salesforce-oauth-lab.transcript.pending")
const queue = ((globalThis as Record<symbol, PendingEntries | undefined>)[PENDING] ??= (() => {
  const q: PendingEntries = { rows: [], facts: [], scheduled: false }
  // A graceful stop (SIGTERM) ends the process without another turn: write what is left.
  process.once("exit", () => flushEntries())
  return q
})())

/** Writes the queued entries in one transaction. A failure is logged: the flows do not depend on it. */
export function flushEntries(): void {
  queue.scheduled = false
  const rows = queue.rows.splice(0)
  const facts = (queue.facts ??= []).splice(0)
  if (!rows.length && !facts.length) return
  try {
    const d = open()
    const insert = d.prepare(
      "INSERT INTO transcript (transcript_id, at, entry, bytes) VALUES (?, ?, ?, ?)",
    )
    const upsert = d.prepare(
      "INSERT INTO transcript_fact (transcript_id, kind, at, value) VALUES (?, ?, ?, ?) ON CONFLICT (transcript_id, kind) DO UPDATE SET at = excluded.at, value = excluded.value",
    )
    d.transaction(() => {
      for (const row of rows) insert.run(...row)
      for (const id of new Set(rows.map((r) => r[0]))) enforceCap(d, id)
      for (const fact of facts) upsert.run(...fact)
    })()
  } catch (e) {
    console.error(
      `transcript: ${rows.length} entries and ${facts.length} facts could not be written`,
      e,
    )
  }
}

function schedule(): void {
  if (!queue.scheduled) {
    queue.scheduled = true
    setImmediate(flushEntries)
  }
}

export function appendEntry(transcriptId: string, entry: TranscriptEntry): void {
  // Serialized now: the entry is recorded as it was, whatever its objects become later.
  // Cut to the per-entry cap first (./cap.ts), so one huge body cannot evict the whole transcript.
  const { json, bytes } = fitEntry(entry)
  queue.rows.push([transcriptId, entry.at, json, bytes])
  schedule()
}

/** Keeps a fact for the inspector; `value` is the fact's value already serialized (and redacted). */
export function putFact(
  transcriptId: string,
  kind: InspectorFact["kind"],
  value: string,
  at = Date.now(),
): void {
  const facts = (queue.facts ??= [])
  facts.push([transcriptId, kind, at, value])
  schedule()
}

/** The latest fact of each kind for a transcript (none when it has none, or they expired). */
export function readFacts(transcriptId: string): InspectorFacts {
  flushEntries()
  return parseFacts(
    open()
      .prepare("SELECT kind, value FROM transcript_fact WHERE transcript_id = ?")
      .all(transcriptId) as { kind: string; value: string }[],
  )
}

/** A transcript's entries in order: at most the cap's worth (./cap.ts), the oldest dropped first. */
export function readTranscript(transcriptId: string): TranscriptEntry[] {
  flushEntries()
  return (
    open()
      .prepare("SELECT entry FROM transcript WHERE transcript_id = ? ORDER BY seq")
      .all(transcriptId) as { entry: string }[]
  ).map((r) => JSON.parse(r.entry) as TranscriptEntry)
}

/** How many of a transcript's oldest entries the cap dropped (C-79); 0 when none. */
export function readDropped(transcriptId: string): number {
  flushEntries()
  const row = open()
    .prepare("SELECT dropped FROM transcript_dropped WHERE transcript_id = ?")
    .get(transcriptId) as { dropped: number } | undefined
  return row?.dropped ?? 0
}

// The last prune in this process (on globalThis, as the queue: each bundle loads this module).
const LAST_PRUNE = Symbol.for("salesforce-oauth-lab.transcript.last-prune")
const PRUNE_EVERY_MS = 60_000

/**
 * Prunes when the last prune in this process is a minute old or more: what `start()` calls. Pruning
 * on every sign-in also flushed the write queue each time, so concurrent sign-ins no longer shared a
 * batch, and it cost each login three DELETEs; against a retention of a day, a minute is nothing.
 */
export function pruneTranscriptsIfDue(now = Date.now()): void {
  const state = globalThis as Record<symbol, number | undefined>
  if (now - (state[LAST_PRUNE] ?? -Infinity) < PRUNE_EVERY_MS) return
  state[LAST_PRUNE] = now
  pruneTranscripts(now)
}

/**
 * Drops expired transcripts; called when a new one starts (at most once a minute), so the file stays small. It runs on every
 * sign-in, so it must cost nothing when nothing expired: candidates come from the `at` index (old
 * entries only), and a transcript with any recent entry is kept. Grouping the whole table here made
 * every sign-in slower as transcripts accumulated.
 */
export function pruneTranscripts(now = Date.now()): void {
  flushEntries() // a queued entry may be what keeps a transcript
  open()
    .prepare(
      `DELETE FROM transcript WHERE transcript_id IN (
         SELECT old.transcript_id FROM transcript AS old WHERE old.at < @cutoff
         AND NOT EXISTS (SELECT 1 FROM transcript AS recent WHERE recent.transcript_id = old.transcript_id AND recent.at >= @cutoff))`,
    )
    .run({ cutoff: now - RETENTION_MS })
  // A transcript's facts go with it: old ones whose transcript has no recent entry left.
  open()
    .prepare(
      `DELETE FROM transcript_fact WHERE at < @cutoff
       AND NOT EXISTS (SELECT 1 FROM transcript AS recent WHERE recent.transcript_id = transcript_fact.transcript_id AND recent.at >= @cutoff)`,
    )
    .run({ cutoff: now - RETENTION_MS })
  // A dropped-entries count (C-79) goes once its transcript has no entry left. Only transcripts that
  // reached the cap have one, a few per day: checking each costs one index lookup.
  open()
    .prepare(
      `DELETE FROM transcript_dropped WHERE NOT EXISTS
       (SELECT 1 FROM transcript WHERE transcript.transcript_id = transcript_dropped.transcript_id)`,
    )
    .run()
}
