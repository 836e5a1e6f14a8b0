/**
 * The parser of a deliberately small SOQL engine for the emulated org's `/query` endpoint:
 * `SELECT f1, f2 FROM Object [WHERE Field = literal] [LIMIT n]`. Anything beyond that subset is
 * rejected with Salesforce's own error codes and message layout rather than silently mis-answered,
 * so clients exercise their real error handling.
 * @see https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 */
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

/** SOQL's upper bound for LIMIT in a REST query. */
export const MAX_LIMIT = 50000

/**
 * Salesforce's reserved words: none may name a field. `GROUP` is absent on purpose because the
 * `Group` sObject is queryable (`SELECT Id FROM Group`).
 * @see https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select_reservedwords.htm
 */
// prettier-ignore
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
    soqlError(
      "MALFORMED_QUERY",
      q,
      t.pos,
      detail ?? `unexpected token: ${t.kind === "eof" ? "<EOF>" : `'${t.text}'`}`,
    )
  const isKeyword = (t: Token, word: string): boolean =>
    t.kind === "ident" && t.text.toUpperCase() === word
  const keyword = (word: string): void => {
    const t = next()
    if (!isKeyword(t, word)) throw unexpected(t)
  }
  const name = (allowReserved: (upper: string) => boolean): Token => {
    const t = next()
    if (
      t.kind !== "ident" ||
      (RESERVED.has(t.text.toUpperCase()) && !allowReserved(t.text.toUpperCase()))
    ) {
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
  const objectToken = name(
    (upper) => !["FROM", "WHERE", "LIMIT", "SELECT", "ORDER", "OFFSET"].includes(upper),
  )

  const positions: NonNullable<SoqlQuery["positions"]> = {
    object: objectToken.pos,
    fields: fieldTokens.map((t) => t.pos),
  }
  const query: SoqlQuery = {
    fields: fieldTokens.map((t) => t.text),
    object: objectToken.text,
    source: q,
    positions,
  }

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
    if (limit > MAX_LIMIT)
      throw unexpected(t, `LIMIT must be a non-negative integer no greater than ${MAX_LIMIT}`)
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
