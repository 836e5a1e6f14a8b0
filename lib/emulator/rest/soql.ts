/**
 * A deliberately small SOQL engine for the emulated org's `/query` endpoint:
 * `SELECT f1, f2 FROM Object [WHERE Field = literal] [LIMIT n]`. Anything beyond that subset is
 * rejected with Salesforce's own error codes and message layout rather than silently mis-answered,
 * so clients exercise their real error handling.
 * @see https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 */
import { sameId } from "@/lib/emulator/ids"
import { type SoqlPosition, type Token, soqlError, tokenize } from "./soql-lexer"

export { SoqlError, type SoqlErrorCode, type SoqlPosition } from "./soql-lexer"

/** A literal allowed on the right of `=`. */
export type SoqlValue = string | number | boolean | null

/** A parsed query. `source` and `positions` exist only so evaluation errors can point at the text. */
export interface SoqlQuery {
  fields: string[]
  object: string
  where?: { field: string; value: SoqlValue }
  limit?: number
  /** The query text as received (set by {@link parseSoql}). */
  source?: string
  /** Where each name appears in `source`; `fields[i]` is the position of `fields[i]` above. */
  positions?: { object: SoqlPosition; fields: SoqlPosition[]; whereField?: SoqlPosition }
}

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

/** SOQL's upper bound for LIMIT in a REST query. */
export const MAX_LIMIT = 50000

/**
 * Salesforce's reserved words: none may name a field. `GROUP` is absent on purpose because the
 * `Group` sObject is queryable (`SELECT Id FROM Group`).
 * @see https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_reservedwords.htm
 */
const RESERVED = new Set([
  "AND", "ASC", "DESC", "EXCLUDES", "FIRST", "FROM", "HAVING", "IN", "INCLUDES", "LAST", "LIKE",
  "LIMIT", "NOT", "NULL", "NULLS", "OR", "SELECT", "WHERE", "WITH", "ORDER", "OFFSET", "BY",
])

/**
 * Parses the supported subset. Keywords are case-insensitive and whitespace may appear anywhere
 * between tokens.
 * @throws {SoqlError} `MALFORMED_QUERY` for anything outside the subset, pointing at the first
 * unexpected token (`unexpected token: <EOF>` when the query ends early).
 */
export function parseSoql(q: string): SoqlQuery {
  const tokens = tokenize(q)
  let at = 0
  // tokenize() always ends with an eof token and next() never moves past it.
  const peek = (): Token => tokens[at] ?? tokens[tokens.length - 1]!
  const next = (): Token => {
    const t = peek()
    if (t.kind !== "eof") at++
    return t
  }
  const unexpected = (t: Token, detail?: string) =>
    soqlError("MALFORMED_QUERY", q, t.pos, detail ?? `unexpected token: ${t.kind === "eof" ? "<EOF>" : `'${t.text}'`}`)
  const isKeyword = (t: Token, word: string): boolean => t.kind === "ident" && t.text.toUpperCase() === word
  const keyword = (word: string): void => {
    const t = next()
    if (!isKeyword(t, word)) throw unexpected(t)
  }
  const name = (allowReserved: (upper: string) => boolean): Token => {
    const t = next()
    if (t.kind !== "ident" || (RESERVED.has(t.text.toUpperCase()) && !allowReserved(t.text.toUpperCase()))) {
      throw unexpected(t)
    }
    return t
  }
  const fieldName = (): Token => name(() => false)

  keyword("SELECT")
  const fieldTokens = [fieldName()]
  while (peek().kind === "comma") {
    next()
    fieldTokens.push(fieldName())
  }
  keyword("FROM")
  // Only the clause keywords are off limits for the object name; `FROM Group` is legal.
  const objectToken = name((upper) => !["FROM", "WHERE", "LIMIT", "SELECT", "ORDER", "OFFSET"].includes(upper))

  const positions: NonNullable<SoqlQuery["positions"]> = {
    object: objectToken.pos,
    fields: fieldTokens.map((t) => t.pos),
  }
  const query: SoqlQuery = { fields: fieldTokens.map((t) => t.text), object: objectToken.text, source: q, positions }

  if (isKeyword(peek(), "WHERE")) {
    next()
    const field = fieldName()
    const eq = next()
    if (eq.kind !== "eq") throw unexpected(eq)
    query.where = { field: field.text, value: literal(next(), unexpected) }
    positions.whereField = field.pos
  }

  if (isKeyword(peek(), "LIMIT")) {
    next()
    const t = next()
    if (t.kind !== "number" || t.text.startsWith("-")) throw unexpected(t)
    const limit = Number(t.text)
    if (limit > MAX_LIMIT) throw unexpected(t, `LIMIT must be a non-negative integer no greater than ${MAX_LIMIT}`)
    query.limit = limit
  }

  const end = next()
  if (end.kind !== "eof") throw unexpected(end)
  return query
}

/** Decodes the token on the right of `=`: a quoted string, an integer, or `true`/`false`/`null`. */
function literal(t: Token, unexpected: (t: Token) => Error): SoqlValue {
  if (t.kind === "string") return t.value
  if (t.kind === "number") return Number(t.text)
  if (t.kind === "ident") {
    const upper = t.text.toUpperCase()
    if (upper === "TRUE") return true
    if (upper === "FALSE") return false
    if (upper === "NULL") return null
  }
  throw unexpected(t)
}

/** Renders a query back to SOQL text (string literals re-escaped); `parseSoql` accepts the result. */
export function formatSoql(query: SoqlQuery): string {
  let text = `SELECT ${query.fields.join(", ")} FROM ${query.object}`
  if (query.where) {
    const v = query.where.value
    const rendered = typeof v === "string" ? `'${v.replace(/[\\']/g, (c) => `\\${c}`)}'` : String(v)
    text += ` WHERE ${query.where.field} = ${rendered}`
  }
  if (query.limit !== undefined) text += ` LIMIT ${query.limit}`
  return text
}

/**
 * Evaluates a parsed query against in-memory tables. Object and field names match
 * case-insensitively; output keys use the table's spelling, in SELECT order, with `null` for
 * values a record lacks. Text comparison in WHERE is case-insensitive, as in SOQL.
 * @param apiVersion e.g. `"62.0"` (a leading `v` is tolerated); used in each `attributes.url`.
 * @throws {SoqlError} `INVALID_TYPE` for an unknown object, `INVALID_FIELD` for an unknown field.
 */
export function runSoql(query: SoqlQuery, tables: ReadonlyArray<SObjectTable>, apiVersion: string): SoqlResult {
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
  const resolve = (field: string, pos: (p: NonNullable<SoqlQuery["positions"]>) => SoqlPosition | undefined) => {
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
  const where = query.where && { field: resolve(query.where.field, (p) => p.whereField), value: query.where.value }

  const version = apiVersion.replace(/^v/i, "")
  const matching = where
    ? table.records.filter((r) => matches(valueOf(r, where.field), where.value, /id$/i.test(where.field)))
    : table.records
  const records = matching.slice(0, query.limit ?? matching.length).map((r) => {
    const id = valueOf(r, "Id")
    const url = `/services/data/v${version}/sobjects/${table.name}` + (id == null ? "" : `/${String(id)}`)
    const out: Record<string, unknown> = { attributes: { type: table.name, url } }
    for (const c of columns) out[c] = valueOf(r, c) ?? null
    return out
  })
  return { totalSize: records.length, done: true, records }
}

/** Text and positions for an error message; a hand-built query is rendered and re-parsed for them. */
function located(query: SoqlQuery): { source: string; positions: NonNullable<SoqlQuery["positions"]> } {
  if (query.source !== undefined && query.positions) return { source: query.source, positions: query.positions }
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
