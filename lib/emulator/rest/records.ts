import type { Db } from "../db/open"
import { sameId } from "../ids"
import { ORG } from "../seed/records"
import { allUsers } from "../users"
import { findRecord, listRecords, type RecordFields } from "../store/records"
import { SOBJECTS, sobjectDef, type SObjectDef } from "./sobject-schema"
import type { SObjectTable } from "./soql-run"

/** The rows of a read-only object; Users without the demo password and internal flags. */
function fixedRows(db: Db, name: string): RecordFields[] {
  if (name === "Organization") return [{ ...ORG }]
  const def = sobjectDef("User")!
  return allUsers(db).map((u) =>
    Object.fromEntries(def.fields.map((f) => [f.name, u[f.name as keyof typeof u]])),
  )
}

const rowsOf = (db: Db, def: SObjectDef) =>
  def.writable ? listRecords(db, def.name) : fixedRows(db, def.name)

/** The queryable objects: Accounts and Contacts from the org's database, Users and the org fixed. */
export function sobjectTables(db: Db): SObjectTable[] {
  return SOBJECTS.map((def) => ({
    name: def.name,
    records: rowsOf(db, def),
    fields: def.fields.map((f) => f.name),
  }))
}

export const recordUrl = (version: string, type: string, id: string) =>
  `/services/data/v${version}/sobjects/${type}/${id}`

/** A record in the API's shape: `attributes`, then every field of the schema (null when unset). */
export function apiRecord(
  def: SObjectDef,
  fields: RecordFields,
  version: string,
  only?: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    attributes: { type: def.name, url: recordUrl(version, def.name, String(fields.Id)) },
  }
  for (const f of def.fields) {
    if (only && !only.includes(f.name)) continue
    out[f.name] = fields[f.name] ?? null
  }
  return out
}

export type Lookup =
  | { status: "live"; def: SObjectDef; fields: RecordFields }
  | { status: "deleted"; def: SObjectDef }
  | { status: "missing"; def: SObjectDef }

/** The record `id` of object `def`: a record of another object counts as missing. */
export function lookupRecord(db: Db, def: SObjectDef, id: string): Lookup {
  if (!def.writable) {
    const found = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)
      ? fixedRows(db, def.name).find((r) => sameId(String(r.Id), id))
      : undefined
    return found ? { status: "live", def, fields: found } : { status: "missing", def }
  }
  const stored = findRecord(db, id)
  if (!stored || stored.type !== def.name) return { status: "missing", def }
  return stored.status === "live"
    ? { status: "live", def, fields: stored.fields }
    : { status: "deleted", def }
}
