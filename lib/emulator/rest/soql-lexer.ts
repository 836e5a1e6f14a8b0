/**
 * Tokenizer for the SOQL subset in `soql.ts`, plus the error type and the Salesforce-style message
 * layout both the parser and the evaluator use.
 * @see https://developer.salesforce.com/docs/atlas.en-us.soql_sosl.meta/soql_sosl/sforce_api_calls_soql_select.htm
 */

/** The `errorCode` values a SOQL failure can carry in the REST error body. */
export type SoqlErrorCode = "MALFORMED_QUERY" | "INVALID_TYPE" | "INVALID_FIELD"

/** A 1-based position in the query text, as Salesforce reports it (`Row:R:Column:C`). */
export interface SoqlPosition {
  row: number
  column: number
}

/** A failed query; `message` has Salesforce's layout so clients that show it verbatim look right. */
export class SoqlError extends Error {
  /** The REST `errorCode` (`[{ message, errorCode }]` is the response body). */
  readonly errorCode: SoqlErrorCode

  constructor(errorCode: SoqlErrorCode, message: string) {
    super(message)
    this.name = "SoqlError"
    this.errorCode = errorCode
  }
}

/**
 * Builds an error whose message echoes the offending line of the query, puts a caret under the
 * column, then `ERROR at Row:R:Column:C` and the detail — the shape Salesforce uses for all three
 * codes. Only the offending row is echoed so the caret stays meaningful for multi-line queries.
 */
export function soqlError(
  code: SoqlErrorCode,
  source: string,
  at: SoqlPosition,
  detail: string,
): SoqlError {
  const line = source.split(/\r\n|\r|\n/)[at.row - 1] ?? ""
  const caret = " ".repeat(Math.max(0, at.column - 1)) + "^"
  return new SoqlError(
    code,
    `\n${line}\n${caret}\nERROR at Row:${at.row}:Column:${at.column}\n${detail}`,
  )
}

/** Token kinds; `symbol` is any punctuation the subset does not support (it only ever errors). */
export type TokenKind = "ident" | "string" | "number" | "comma" | "eq" | "symbol" | "eof"

/** One token: `text` is the raw source slice (what an error quotes), `value` the decoded literal. */
export interface Token {
  kind: TokenKind
  text: string
  value: string
  pos: SoqlPosition
}

const IDENT_START = /[A-Za-z]/
const IDENT_PART = /[A-Za-z0-9_]/
const DIGIT = /[0-9]/
const SPACE = /\s/
/** Comparison operators are grouped so `!=` or `<=` is quoted whole in the error. */
const OPERATOR = /[<>!=]/

/**
 * Splits `source` into tokens, always ending with an `eof` token positioned just past the input.
 * Throws MALFORMED_QUERY for an unterminated string literal, which Salesforce also reports as EOF.
 */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  let row = 1
  let column = 1
  const advance = (): string => {
    const c = source.charAt(i++)
    // "\r\n" counts as one line break: only the "\n" (or a lone "\r") starts a new row.
    if (c === "\n" || (c === "\r" && source.charAt(i) !== "\n")) {
      row++
      column = 1
    } else if (c !== "\r") {
      column++
    }
    return c
  }
  const peek = (ahead = 0): string => source.charAt(i + ahead)

  while (i < source.length) {
    const c = peek()
    if (SPACE.test(c)) {
      advance()
      continue
    }
    const pos = { row, column }
    const start = i
    const push = (kind: TokenKind, value: string = source.slice(start, i)): void => {
      tokens.push({ kind, text: source.slice(start, i), value, pos })
    }
    if (IDENT_START.test(c)) {
      while (i < source.length && IDENT_PART.test(peek())) advance()
      push("ident")
    } else if (DIGIT.test(c) || (c === "-" && DIGIT.test(peek(1)))) {
      advance()
      while (i < source.length && DIGIT.test(peek())) advance()
      push("number")
    } else if (c === "'") {
      advance()
      let value = ""
      for (;;) {
        if (i >= source.length) {
          throw soqlError("MALFORMED_QUERY", source, { row, column }, "unexpected token: <EOF>")
        }
        const d = advance()
        if (d === "'") break
        if (d === "\\" && i < source.length) {
          const escaped = advance()
          // SOQL escapes beyond \' and \\ (\n, \t, …) are decoded too: accepting them costs nothing.
          value +=
            ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[escaped] ??
            escaped
        } else {
          value += d
        }
      }
      push("string", value)
    } else if (c === ",") {
      advance()
      push("comma")
    } else if (c === "=") {
      advance()
      // "==" is not SOQL; let the parser reject it as one token.
      if (peek() === "=") {
        advance()
        push("symbol")
      } else {
        push("eq")
      }
    } else if (OPERATOR.test(c)) {
      while (i < source.length && OPERATOR.test(peek())) advance()
      push("symbol")
    } else {
      advance()
      push("symbol")
    }
  }
  tokens.push({ kind: "eof", text: "<EOF>", value: "", pos: { row, column } })
  return tokens
}
