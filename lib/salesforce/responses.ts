import type { z } from "zod"
import { FlowError, SalesforceOAuthError } from "./errors"

/** What the client reads of an answer (a recorded exchange). */
export interface Answer {
  text: string
  headers: Headers
  status: number
}

/** The body as JSON, or a FlowError that says what came instead. */
export function jsonBody(res: Answer): unknown {
  try {
    return JSON.parse(res.text)
  } catch {
    throw new FlowError(
      "NON_JSON_RESPONSE",
      `expected JSON from Salesforce but got ${res.headers.get("content-type") ?? "no content type"} (HTTP ${res.status})`,
    )
  }
}

/**
 * Salesforce's error in an answer: an OAuth `error`/`error_description` body, a REST
 * `[{ errorCode, message }]` body, or the plain text the identity URL and userinfo send.
 */
export function errorFrom(res: Answer): Error {
  let body: unknown
  try {
    body = JSON.parse(res.text)
  } catch {
    const text = res.text.trim()
    // The identity URL and userinfo answer errors as plain text such as `Bad_OAuth_Token`.
    if (/^[A-Za-z_]{3,64}$/.test(text))
      return new SalesforceOAuthError(text, `HTTP ${res.status}`, res.status)
    return new FlowError(
      "NON_JSON_RESPONSE",
      `Salesforce answered HTTP ${res.status} with ${res.headers.get("content-type") ?? "no content type"}, not an OAuth error`,
    )
  }
  const first = Array.isArray(body) ? body[0] : body
  const b = (first ?? {}) as Record<string, unknown>
  if (typeof b.error === "string")
    return new SalesforceOAuthError(
      b.error,
      typeof b.error_description === "string" ? b.error_description : "",
      res.status,
    )
  if (typeof b.errorCode === "string")
    return new SalesforceOAuthError(
      b.errorCode,
      typeof b.message === "string" ? b.message : "",
      res.status,
    )
  return new FlowError(
    "UNEXPECTED_RESPONSE",
    `Salesforce answered HTTP ${res.status} without an error code`,
  )
}

/** A token response's missing or malformed fields, for the error message. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `"${i.path.join(".")}" (${i.message})`).join(", ")
}
