/**
 * Reads what a developer pasted after a failed authorization: an error URL (the callback's query,
 * or the User-Agent flow's fragment), a JSON error body (OAuth's `{error, error_description}`, or
 * the REST API's `[{message, errorCode}]`), or the text of a Salesforce error page. Pure string
 * work on the server: no Next, no network, no HTML out (the page renders what this returns as text).
 */

/** The most a paste is read: longer ones are cut (the route refuses bodies past its limit first). */
export const MAX_PASTE_CHARS = 8000
/** What is kept of an `error` and an `error_description` (Salesforce's are short). */
const MAX_ERROR_CHARS = 200
const MAX_DESCRIPTION_CHARS = 500

export type PasteForm = "empty" | "url" | "json" | "text"

/** One `error` / `error_description` pair found in the paste. */
export interface PastedError {
  error?: string
  errorDescription?: string
}

export interface ParsedPaste {
  form: PasteForm
  /** Pairs read from a URL or JSON (empty for text, which is searched instead). */
  errors: PastedError[]
  /** The paste, trimmed and cut to MAX_PASTE_CHARS: searched for the catalogue's words. */
  text: string
}

const clean = (v: unknown, max: number): string | undefined => {
  if (typeof v !== "string") return undefined
  // Control characters carry nothing a Salesforce message has; they are dropped, not shown.
  const s = v.replace(/[\u0000-\u001f\u007f]+/g, " ").trim()
  return s ? s.slice(0, max) : undefined
}

const pair = (error: unknown, description: unknown): PastedError | undefined => {
  const e = {
    error: clean(error, MAX_ERROR_CHARS),
    errorDescription: clean(description, MAX_DESCRIPTION_CHARS),
  }
  return e.error || e.errorDescription ? e : undefined
}

/** `{error, error_description}`, `{errorCode, message}`, or an array of either (the REST API's form). */
function fromJson(value: unknown): PastedError[] {
  const items = Array.isArray(value) ? value.slice(0, 20) : [value]
  const out: PastedError[] = []
  for (const item of items) {
    if (!item || typeof item !== "object") continue
    const o = item as Record<string, unknown>
    const p =
      pair(o.error, o.error_description) ??
      pair(o.errorCode, o.message) ??
      pair(o.error_code, o.error_message)
    if (p) out.push(p)
  }
  return out
}

function tryJson(text: string): PastedError[] | undefined {
  if (!/^[[{]/.test(text)) return undefined
  try {
    const errors = fromJson(JSON.parse(text))
    return errors.length ? errors : undefined
  } catch {
    return undefined
  }
}

/**
 * The parameters after `?` or `#` that hold `error=`: a whole URL, a bare query string, or one
 * inside a page's text (Salesforce's own error page prints `error=redirect_uri_mismatch&…`).
 */
function tryUrl(text: string): PastedError[] | undefined {
  const m = /(?:^|[?#&\s])(error=[^\s"<>]*)/i.exec(text)
  if (!m) return undefined
  const params = paramsAround(text, m.index + m[0].length - m[1]!.length)
  const get = (name: string) => {
    for (const [k, v] of params) if (k.toLowerCase() === name) return v
    return undefined
  }
  const p = pair(get("error"), get("error_description"))
  return p ? [p] : undefined
}

/** The `&`-separated parameters of the run of text around `at` (no whitespace inside). */
function paramsAround(text: string, at: number): URLSearchParams {
  let from = at
  while (from > 0 && !/[\s?#"<>]/.test(text[from - 1]!)) from--
  let to = at
  while (to < text.length && !/[\s#"<>]/.test(text[to]!)) to++
  // URLSearchParams decodes `+` and `%xx`, and leaves a malformed escape as it is, never throws.
  return new URLSearchParams(text.slice(from, to))
}

export function parsePaste(raw: string): ParsedPaste {
  const text = raw.slice(0, MAX_PASTE_CHARS).trim()
  if (!text) return { form: "empty", errors: [], text }
  const json = tryJson(text)
  if (json) return { form: "json", errors: json, text }
  const url = tryUrl(text)
  if (url) return { form: "url", errors: url, text }
  return { form: "text", errors: [], text }
}
