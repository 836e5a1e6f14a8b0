import "server-only"
import fs from "node:fs"
import path from "node:path"
import Database from "better-sqlite3"
import { getConfig } from "@/lib/config/env"
import { cacheStatements } from "@/lib/sqlite/statement-cache"
import type { TranscriptEntry } from "./types"

/**
 * A transcript is dropped a day after its last entry: longer than any session (8 hours after its
 * last change), so the inspector never loses the flow it shows.
 */
const RETENTION_MS = 24 * 60 * 60 * 1000
/** A long transcript shows the flow's first steps (they prove the sign-in) and the latest ones. */
const HEAD_ENTRIES = 40
const MAX_ENTRIES = 400

let db: Database.Database | undefined

/**
 * The transcripts, in the site's own SQLite file beside the org's. A file (not memory) so that a
 * flow recorded by one instance is shown by another, and a restart keeps them. Entries are
 * redacted before they get here: the file holds no secret.
 */
function open(): Database.Database {
  if (db) return db
  const dir = getConfig().dataDir
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
  db = cacheStatements(new Database(path.join(dir, "site.sqlite")))
  db.pragma("busy_timeout = 5000")
  db.pragma("journal_mode = WAL")
  // A transcript is a debugging record written several times per sign-in: in WAL mode, NORMAL still
  // keeps every committed entry when the process dies, and only skips the disk flush per entry
  // (the last entries may be lost to a power cut, which a debugging record can afford).
  db.pragma("synchronous = NORMAL")
  db.exec(`CREATE TABLE IF NOT EXISTS transcript (
    seq INTEGER PRIMARY KEY AUTOINCREMENT, transcript_id TEXT NOT NULL, at INTEGER NOT NULL, entry TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS transcript_by_id ON transcript (transcript_id, seq);
    CREATE INDEX IF NOT EXISTS transcript_by_at ON transcript (at);`)
  return db
}

export function appendEntry(transcriptId: string, entry: TranscriptEntry): void {
  const d = open()
  d.prepare("INSERT INTO transcript (transcript_id, at, entry) VALUES (?, ?, ?)").run(transcriptId, entry.at, JSON.stringify(entry))
}

export function readTranscript(transcriptId: string): TranscriptEntry[] {
  const d = open()
  const head = d.prepare("SELECT seq, entry FROM transcript WHERE transcript_id = ? ORDER BY seq LIMIT ?").all(transcriptId, HEAD_ENTRIES) as { seq: number; entry: string }[]
  const tail = (d.prepare("SELECT seq, entry FROM transcript WHERE transcript_id = ? ORDER BY seq DESC LIMIT ?").all(transcriptId, MAX_ENTRIES - HEAD_ENTRIES) as { seq: number; entry: string }[]).reverse()
  const seen = new Set(head.map((r) => r.seq))
  return [...head, ...tail.filter((r) => !seen.has(r.seq))].map((r) => JSON.parse(r.entry) as TranscriptEntry)
}

/**
 * Drops expired transcripts; called when a new one starts, so the file stays small. It runs on every
 * sign-in, so it must cost nothing when nothing expired: candidates come from the `at` index (old
 * entries only), and a transcript with any recent entry is kept. Grouping the whole table here made
 * every sign-in slower as transcripts accumulated.
 */
export function pruneTranscripts(now = Date.now()): void {
  open()
    .prepare(
      `DELETE FROM transcript WHERE transcript_id IN (
         SELECT old.transcript_id FROM transcript AS old WHERE old.at < @cutoff
         AND NOT EXISTS (SELECT 1 FROM transcript AS recent WHERE recent.transcript_id = old.transcript_id AND recent.at >= @cutoff))`,
    )
    .run({ cutoff: now - RETENTION_MS })
}
