import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { FIELD_KINDS, marker, type KnownSecret, type SecretKind } from "./redact-kinds"

export { MARKER_PATTERN, PLACEHOLDERS, marker } from "./redact-kinds"
export type { KnownSecret, SecretKind } from "./redact-kinds"

/**
 * Redaction of the transcript. Secrets are found two ways: by where they sit (form fields, JSON
 * keys, Authorization headers, query parameters that carry them) and by value (every secret the
 * session knows, wherever else it appears). A marker keeps a short prefix so a person can tell
 * tokens apart, and names the shell variable *Copy as curl* puts in its place.
 */
/** The kind of a bare `token=` (revoke, introspect): known tokens decide, else an access token. */
function tokenKind(value: string, known: readonly KnownSecret[]): SecretKind {
  return (
    known.find((k) => k.value === value)?.kind ??
    (value.startsWith("5Aep") ? "refresh_token" : "access_token")
  )
}

function redactAssertion(assertion: string): string {
  const parts = assertion.split(".")
  return parts.length === 3
    ? `${parts[0]}.${parts[1]}.${marker("assertion_signature", parts[2]!)}`
    : assertion
}

/** A form body or query string: secret-bearing fields are replaced, everything else kept as sent. */
function redactForm(text: string, known: readonly KnownSecret[]): string {
  return text
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=")
      if (eq < 0) return pair
      const key = pair.slice(0, eq)
      let value: string
      try {
        value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, " "))
      } catch {
        return pair
      }
      if (key === "assertion" || key === "client_assertion")
        return `${key}=${redactAssertion(value)}`
      if (key === "token") return `${key}=${marker(tokenKind(value, known), value)}`
      const kind = FIELD_KINDS[key]
      return kind ? `${key}=${marker(kind, value)}` : pair
    })
    .join("&")
}

function redactJson(text: string): string | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) return undefined
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    const kind = FIELD_KINDS[k]
    out[k] = kind && typeof v === "string" ? marker(kind, v) : v
  }
  return JSON.stringify(out, null, 2)
}

/** Replaces every occurrence of a known secret (raw or URL-encoded) that the patterns missed. */
export function redactKnown(text: string, known: readonly KnownSecret[]): string {
  let out = text
  for (const k of [...known].sort((a, b) => b.value.length - a.value.length)) {
    if (k.value.length < 8) continue
    for (const form of new Set([k.value, encodeURIComponent(k.value)]))
      out = out.split(form).join(marker(k.kind, k.value))
  }
  return out
}

export function redactUrl(url: string, known: readonly KnownSecret[]): string {
  const q = url.indexOf("?")
  const hash = url.indexOf("#")
  let out = url
  if (hash >= 0) out = `${out.slice(0, hash)}#${redactForm(out.slice(hash + 1), known)}`
  if (q >= 0 && (hash < 0 || q < hash)) {
    const end = out.indexOf("#") >= 0 ? out.indexOf("#") : out.length
    out = `${out.slice(0, q)}?${redactForm(out.slice(q + 1, end), known)}${out.slice(end)}`
  }
  return redactKnown(out, known)
}

function redactHeaders(
  h: Record<string, string> | undefined,
  known: readonly KnownSecret[],
): Record<string, string> | undefined {
  if (!h) return h
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) {
    if (k.toLowerCase() === "authorization") {
      const [scheme, cred = ""] = v.split(/\s+/, 2)
      out[k] = /^basic$/i.test(scheme ?? "")
        ? `Basic ${marker("basic_credentials", cred)}`
        : `${scheme} ${marker(tokenKind(cred, known), cred)}`
    } else if (k.toLowerCase() === "set-cookie" || k.toLowerCase() === "cookie") {
      out[k] = "[REDACTED cookie]"
    } else {
      out[k] = redactKnown(v, known)
    }
  }
  return out
}

function redactBody(
  body: string | undefined,
  contentType: string | undefined,
  known: readonly KnownSecret[],
): string | undefined {
  if (body === undefined) return body
  if ((contentType ?? "").includes("application/x-www-form-urlencoded"))
    return redactKnown(redactForm(body, known), known)
  return redactKnown(redactJson(body) ?? body, known)
}

/** Secret-bearing fields replaced at any depth (a fact wraps the org's answer in an envelope). */
function redactFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactFields)
  if (!value || typeof value !== "object") return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const kind = FIELD_KINDS[k]
    out[k] = kind && typeof v === "string" ? marker(kind, v) : redactFields(v)
  }
  return out
}

/**
 * A value the inspector keeps as a fact (lib/transcript/facts.ts), serialized with the same
 * guarantees as a response body: secret-bearing JSON fields and every known secret replaced.
 */
export function redactFactValue(value: unknown, known: readonly KnownSecret[]): string {
  return redactKnown(JSON.stringify(redactFields(value)), known)
}

const headerOf = (h: Record<string, string> | undefined, name: string) =>
  Object.entries(h ?? {}).find(([k]) => k.toLowerCase() === name)?.[1]

/** A copy of the exchange that holds no secret. */
export function redactExchange(e: HttpExchange, known: readonly KnownSecret[]): HttpExchange {
  return {
    ...e,
    url: redactUrl(e.url, known),
    requestHeaders: redactHeaders(e.requestHeaders, known) ?? {},
    requestBody: redactBody(e.requestBody, headerOf(e.requestHeaders, "content-type"), known),
    responseHeaders: redactHeaders(e.responseHeaders, known),
    responseBody: redactBody(e.responseBody, headerOf(e.responseHeaders, "content-type"), known),
  }
}
