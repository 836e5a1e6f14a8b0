import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { MARKER_PATTERN, PLACEHOLDERS, type SecretKind } from "./redact"

/** Single-quotes a shell word ('…', with ' written as '\''). */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`

/** A shell word in which every redaction marker becomes "$PLACEHOLDER", the rest quoted literally. */
function shellWord(text: string): string {
  const parts: string[] = []
  let last = 0
  for (const m of text.matchAll(MARKER_PATTERN)) {
    if (m.index! > last) parts.push(quote(text.slice(last, m.index)))
    const name = PLACEHOLDERS[m[1] as SecretKind] ?? "SECRET"
    parts.push(`"$${name}"`)
    last = m.index! + m[0].length
  }
  if (last < text.length || parts.length === 0) parts.push(quote(text.slice(last)))
  return parts.join("")
}

const SKIP_HEADERS = new Set([
  "content-length",
  "host",
  "connection",
  "accept-encoding",
  "user-agent",
])

/**
 * The exchange as a curl command to replay it, with shell variables where the transcript redacted
 * a secret (`$CLIENT_SECRET`, `$ACCESS_TOKEN`, …): set them, and the command is the request as sent.
 */
export function toCurl(e: HttpExchange): string {
  const lines = [`curl -sS -X ${e.method} ${shellWord(e.url)}`]
  for (const [k, v] of Object.entries(e.requestHeaders)) {
    if (!SKIP_HEADERS.has(k.toLowerCase())) lines.push(`  -H ${shellWord(`${k}: ${v}`)}`)
  }
  if (e.requestBody) lines.push(`  --data-raw ${shellWord(e.requestBody)}`)
  return lines.join(" \\\n")
}

/** The placeholders a command needs, for the note beside *Copy as curl*. */
export function curlPlaceholders(e: HttpExchange): string[] {
  const text = [e.url, ...Object.values(e.requestHeaders), e.requestBody ?? ""].join("\n")
  return [
    ...new Set(
      [...text.matchAll(MARKER_PATTERN)].map((m) => PLACEHOLDERS[m[1] as SecretKind] ?? "SECRET"),
    ),
  ]
}
