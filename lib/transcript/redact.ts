import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { marker, type KnownSecret } from "./redact-kinds"
import {
  isSecretName,
  redactKnown,
  redactText,
  redactUrl,
  redactValue,
  tokenKind,
} from "./redact-params"

export { MARKER_PATTERN, PLACEHOLDERS, marker } from "./redact-kinds"
export type { KnownSecret, SecretKind } from "./redact-kinds"
export { redactKnown, redactUrl } from "./redact-params"

/**
 * Redaction of the transcript. Secrets are found two ways: by where they sit (form fields, JSON
 * keys at any depth, Authorization headers, URL parameters in the request and in any header) and
 * by value (every secret the session knows, wherever else it appears). A marker keeps a short
 * prefix so a person can tell tokens apart, and names the shell variable *Copy as curl* puts in
 * its place. Where a secret sits does not depend on the content type the server claims: a token
 * response served as text/plain is still one (EF5, docs/security.md: the transcript redacts secrets).
 */

/**
 * Secret-bearing fields replaced at any depth (a fact wraps the org's answer in an envelope, an
 * API may nest tokens or list them): every string under a secret name, however deep below it, and
 * any URL or form pair inside the other strings.
 */
function redactFields(value: unknown, known: readonly KnownSecret[], secretName?: string): unknown {
  if (typeof value === "string")
    return (secretName && redactValue(secretName, value, known)) ?? redactText(value, known)
  if (Array.isArray(value)) return value.map((v) => redactFields(v, known, secretName))
  if (!value || typeof value !== "object") return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value as Record<string, unknown>))
    out[k] = redactFields(v, known, secretName ?? (isSecretName(k) ? k : undefined))
  return out
}

/** A JSON body (object or array), redacted and indented; undefined when the body is not one. */
function redactJson(text: string, known: readonly KnownSecret[]): string | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  if (!body || typeof body !== "object") return undefined
  return JSON.stringify(redactFields(body, known), null, 2)
}

/**
 * Headers whose whole value is one URL (RFC 9110 §10.2.2 Location, §8.7 Content-Location): a
 * redirect's Location carries a fresh code or token (RFC 6749 §4.1.2, §4.2.2) the recorder cannot
 * know yet. Any other header is free text, so a URL in Link or Refresh is found as a word.
 */
const URL_HEADERS = new Set(["location", "content-location"])

function redactHeaders(
  h: Record<string, string> | undefined,
  known: readonly KnownSecret[],
): Record<string, string> | undefined {
  if (!h) return h
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(h)) {
    const name = k.toLowerCase()
    if (name === "authorization") {
      const [scheme, cred = ""] = v.split(/\s+/, 2)
      out[k] = /^basic$/i.test(scheme ?? "")
        ? `Basic ${marker("basic_credentials", cred)}`
        : `${scheme} ${marker(tokenKind(cred, known), cred)}`
    } else if (name === "set-cookie" || name === "cookie") {
      out[k] = "[REDACTED cookie]"
    } else if (URL_HEADERS.has(name)) {
      out[k] = redactUrl(v, known)
    } else {
      out[k] = redactKnown(redactText(v, known), known)
    }
  }
  return out
}

/** JSON at any depth, else form pairs and URLs in the text, whatever the content type says. */
function redactBody(body: string | undefined, known: readonly KnownSecret[]): string | undefined {
  if (body === undefined) return body
  return redactKnown(redactJson(body, known) ?? redactText(body, known), known)
}

/**
 * A value the inspector keeps as a fact (lib/transcript/facts.ts), serialized with the same
 * guarantees as a response body: secret-bearing JSON fields and every known secret replaced.
 */
export function redactFactValue(value: unknown, known: readonly KnownSecret[]): string {
  return redactKnown(JSON.stringify(redactFields(value, known)), known)
}

/** A copy of the exchange that holds no secret. */
export function redactExchange(e: HttpExchange, known: readonly KnownSecret[]): HttpExchange {
  return {
    ...e,
    url: redactUrl(e.url, known),
    requestHeaders: redactHeaders(e.requestHeaders, known) ?? {},
    requestBody: redactBody(e.requestBody, known),
    responseHeaders: redactHeaders(e.responseHeaders, known),
    responseBody: redactBody(e.responseBody, known),
  }
}
