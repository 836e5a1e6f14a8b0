/**
 * Evaluation for the small SOQL engine (parsing is in ./soql.ts): a parsed query against in-memory
 * tables, with Salesforce's error codes and messages for unknown objects and fields.
 * @see https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 */
import { sameId } from "@/lib/emulator/ids"
import { formatSoql, parseSoql, type SoqlQuery, type SoqlValue } from "./soql"
import { type SoqlPosition, soqlError } from "./soql-lexer"

/** One sObject's rows. `fields` is its schema; without it, the union of record keys plus `Id`. */
export interface SObjectTable {
  name: string
  records: ReadonlyArray<Record<string, unknown>>
  fields?: ReadonlyArray<string>
}

/** The REST `/query` response body (the subset never paginates, so `done` is always true). */
export interface SoqlResult {
  totalSize: number
  done: true
  records: Array<Record<string, unknown>>
}

/**
 * Evaluates a parsed query against in-memory tables. Object and field names match
 * case-insensitively; output keys use the table's spelling, in SELECT order, with `null` for
 * values a record lacks. Text comparison in WHERE is case-insensitive, as in SOQL.
 * @param apiVersion e.g. `"62.0"` (a leading `v` is tolerated); used in each `attributes.url`.
 * @throws {SoqlError} `INVALID_TYPE` for an unknown object, `INVALID_FIELD` for an unknown field.
 */
export function runSoql(
  query: SoqlQuery,
  tables: ReadonlyArray<SObjectTable>,
  apiVersion: string,
): SoqlResult {
  const table = tables.find((t) => t.name.toLowerCase() === query.object.toLowerCase())
  if (!table) {
    const { source, positions } = located(query)
    throw soqlError(
      "INVALID_TYPE",
      source,
      positions.object,
      `sObject type '${query.object}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    )
  }

  const schema = new Map<string, string>()
  for (const f of table.fields ?? ["Id", ...table.records.flatMap((r) => Object.keys(r))]) {
    if (!schema.has(f.toLowerCase())) schema.set(f.toLowerCase(), f)
  }
  const resolve = (
    field: string,
    pos: (p: NonNullable<SoqlQuery["positions"]>) => SoqlPosition | undefined,
  ) => {
    const canonical = schema.get(field.toLowerCase())
    if (canonical !== undefined) return canonical
    const { source, positions } = located(query)
    throw soqlError(
      "INVALID_FIELD",
      source,
      pos(positions) ?? positions.object,
      `No such column '${field}' on entity '${table.name}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.`,
    )
  }
  const columns = query.fields.map((f, i) => resolve(f, (p) => p.fields[i]))
  const where = query.where && {
    field: resolve(query.where.field, (p) => p.whereField),
    value: query.where.value,
  }

  const version = apiVersion.replace(/^v/i, "")
  const matching = where
    ? table.records.filter((r) =>
        matches(valueOf(r, where.field), where.value, /id$/i.test(where.field)),
      )
    : table.records
  const records = matching.slice(0, query.limit ?? matching.length).map((r) => {
    const id = valueOf(r, "Id")
    const url =
      `/services/data/v${version}/sobjects/${table.name}` + (id == null ? "" : `/${String(id)}`)
    const out: Record<string, unknown> = { attributes: { type: table.name, url } }
    for (const c of columns) out[c] = valueOf(r, c) ?? null
    return out
  })
  return { totalSize: records.length, done: true, records }
}

/** Text and positions for an error message; a hand-built query is rendered and re-parsed for them. */
function located(query: SoqlQuery): {
  source: string
  positions: NonNullable<SoqlQuery["positions"]>
} {
  if (query.source !== undefined && query.positions)
    return { source: query.source, positions: query.positions }
  const source = formatSoql(query)
  const { positions } = parseSoql(source)
  // parseSoql always sets positions; the fallback only satisfies the optional type.
  return { source, positions: positions ?? { object: { row: 1, column: 1 }, fields: [] } }
}

/** Reads a field whose key may be stored in a different case than the schema spells it. */
function valueOf(record: Record<string, unknown>, field: string): unknown {
  if (field in record) return record[field]
  const lower = field.toLowerCase()
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower)
  return key === undefined ? undefined : record[key]
}

const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/

/**
 * SOQL `=`: text compares case-insensitively, except ID fields, where a 15- and an 18-character
 * form of the same ID must match but two different-case 15-character IDs must not.
 */
function matches(actual: unknown, expected: SoqlValue, idField: boolean): boolean {
  if (expected === null) return actual === null || actual === undefined
  if (typeof expected === "string") {
    if (typeof actual !== "string") return false
    if (idField && ID_SHAPE.test(actual) && ID_SHAPE.test(expected)) return sameId(actual, expected)
    return actual.toLowerCase() === expected.toLowerCase()
  }
  return actual === expected
}
