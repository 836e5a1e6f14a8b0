import { z } from "zod"
import { FlowError } from "./errors"
import { describeIssues } from "./responses"

/**
 * The last second a date from Salesforce may name: 9999-12-31T23:59:59Z, the end of ISO 8601's
 * four-digit years. A later one, a negative one or a fraction is no date an org issues, and some do
 * not fit a JavaScript Date at all (`toISOString` throws).
 */
export const MAX_DATE_S = 253_402_300_799

/** RFC 7519 §2 NumericDate, as RFC 7662 §2.2 uses it for `exp`: whole seconds since 1970. */
const numericDate = z.number().int().min(0).max(MAX_DATE_S)

/**
 * What the site reads of an introspection answer (RFC 7662 §2.2; Salesforce's fields are in
 * wire-types.ts). Only `active` is required by the RFC, so a field may be absent, but one that is
 * present has its type: an `exp` that is a string or no date is refused, never stored in a session.
 */
export const introspectionSchema = z.discriminatedUnion("active", [
  z.object({ active: z.literal(false) }),
  z.object({
    active: z.literal(true),
    scope: z.string().max(4096).optional(),
    client_id: z.string().max(256).optional(),
    sub: z.string().max(2048).optional(),
    exp: numericDate.optional(),
  }),
])
export type Introspection = z.infer<typeof introspectionSchema>

export function parseIntrospection(body: unknown): Introspection {
  const parsed = introspectionSchema.safeParse(body)
  if (!parsed.success)
    throw new FlowError(
      "UNEXPECTED_RESPONSE",
      `the introspection answer is malformed: ${describeIssues(parsed.error)}`,
    )
  return parsed.data
}

/**
 * When the introspected token expires, for the session (seconds since 1970), or undefined when the
 * answer names no `exp`: RFC 7662 §2.2 makes it optional, and the inspector then says it is unknown.
 */
export function expiryOf(
  info: Introspection,
  source: string,
): { exp: number; source: string } | undefined {
  return info.active && info.exp !== undefined ? { exp: info.exp, source } : undefined
}
