import crypto from "node:crypto"
import type { Db } from "../db/open"
import { sameId, to18 } from "../ids"
import { ACCOUNTS, CONTACTS } from "../seed/records"

/** A stored record's fields, `Id` included. */
export type RecordFields = Record<string, unknown>

export type StoredRecord =
  { status: "live"; type: string; fields: RecordFields } | { status: "deleted"; type: string }

const SEEDED = "records_seeded"

/**
 * Puts the seeded Accounts and Contacts in the database once (at the first start, and after "Reset
 * the org"), so the REST API can change them and the changes survive a restart.
 */
export function seedRecords(db: Db, now: number): void {
  db.transaction(() => {
    if (db.prepare("SELECT 1 FROM meta WHERE key = ?").get(SEEDED)) return
    const insert = db.prepare(
      "INSERT OR REPLACE INTO records (id, type, fields, created_at) VALUES (?, ?, ?, ?)",
    )
    let i = 0
    for (const [type, rows] of [
      ["Account", ACCOUNTS],
      ["Contact", CONTACTS],
    ] as const) {
      for (const r of rows) insert.run(r.Id, type, JSON.stringify(r), now + i++)
    }
    db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')").run(SEEDED)
  }).immediate()
}

/** Forgets every record and seeds again (store/reset.ts). */
export function reseedRecords(db: Db, now: number): void {
  db.prepare("DELETE FROM records").run()
  db.prepare("DELETE FROM meta WHERE key = ?").run(SEEDED)
  seedRecords(db, now)
}

/** The live records of one object, oldest first (the order a query without ORDER BY returns). */
export function listRecords(db: Db, type: string): RecordFields[] {
  const rows = db
    .prepare(
      "SELECT fields FROM records WHERE type = ? AND deleted_at IS NULL ORDER BY created_at, id",
    )
    .all(type) as { fields: string }[]
  return rows.map((r) => JSON.parse(r.fields) as RecordFields)
}

/** One record by either form of its ID, live or deleted. */
export function findRecord(db: Db, id: string): StoredRecord | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return undefined
  const row = db.prepare("SELECT * FROM records WHERE id = ?").get(to18(id)) as
    { id: string; type: string; fields: string; deleted_at: number | null } | undefined
  if (!row || !sameId(row.id, id)) return undefined
  return row.deleted_at === null
    ? { status: "live", type: row.type, fields: JSON.parse(row.fields) as RecordFields }
    : { status: "deleted", type: row.type }
}

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/**
 * A new record ID: the object's key prefix, the org's pod characters, and random characters, in
 * the 18-character form the API returns
 * (https://help.salesforce.com/s/articleView?id=000385008&type=1).
 */
export function newRecordId(keyPrefix: string): string {
  let tail = ""
  for (const b of crypto.randomBytes(8)) tail += ALPHANUMERIC[b % ALPHANUMERIC.length]
  return to18(`${keyPrefix}5g00${tail}`)
}

export function insertRecord(db: Db, type: string, fields: RecordFields, now: number): void {
  db.prepare("INSERT INTO records (id, type, fields, created_at) VALUES (?, ?, ?, ?)").run(
    fields.Id,
    type,
    JSON.stringify(fields),
    now,
  )
}

export function replaceRecordFields(db: Db, id: string, fields: RecordFields): void {
  db.prepare("UPDATE records SET fields = ? WHERE id = ? AND deleted_at IS NULL").run(
    JSON.stringify(fields),
    to18(id),
  )
}

/** Marks a record deleted (Salesforce keeps it in the Recycle Bin; the org keeps the row). */
export function deleteRecord(db: Db, id: string, now: number): void {
  db.prepare("UPDATE records SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL").run(
    now,
    to18(id),
  )
}
