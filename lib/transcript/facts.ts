import type { JSONWebKeySet } from "jose"
import { z } from "zod"

/**
 * What the inspector shows besides the transcript, kept as typed values by the code that obtained
 * them (the flows and the inspector's actions), beside the transcript and under its id. The
 * transcript is a record for people: its step labels may be reworded and its bodies are whatever
 * the org sent, so the inspector never reads data back out of it.
 */

/** An answer the site asked the org for: the parsed value, or why there is none. */
export type Answer<T> = { ok: true; value: T } | { ok: false; status?: number; reason: string }

/** The last REST API call of the inspector's *Call the API*: Salesforce's answer as it came. */
export interface ApiCallFact {
  /** What the call was, as the page heads it (for example "Call the API: limits"). */
  label: string
  status?: number
  /** The parsed JSON body, when there was one. */
  body?: unknown
  /** Why there is no body: the call failed or the answer was not JSON. */
  reason?: string
}

export interface InspectorFacts {
  /** The org's JWKS as last fetched (at sign-in, or by a Refresh that checked a new id_token). */
  jwks?: Answer<JSONWebKeySet>
  /** The identity URL's answer at sign-in. */
  identity?: Answer<Record<string, unknown>>
  /** userinfo's answer at sign-in, when a scope allowed asking. */
  userinfo?: Answer<Record<string, unknown>>
  api?: ApiCallFact
}

export type FactKind = keyof InspectorFacts
export type InspectorFact = {
  [K in FactKind]-?: { kind: K; value: NonNullable<InspectorFacts[K]> }
}[FactKind]

/** Where a flow or action hands the facts it learnt (a transcript recorder). */
export interface FactSink {
  fact(f: InspectorFact): void
}

const record = z.record(z.string(), z.unknown())
const answer = <T extends z.ZodType>(value: T) =>
  z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), status: z.number().optional(), reason: z.string() }),
  ])

/**
 * Each kind's shape, checked again when read: a row written by another version of the site, or
 * damaged, is left out (shown as not fetched) rather than breaking the page.
 */
const SCHEMAS: { [K in FactKind]: z.ZodType<NonNullable<InspectorFacts[K]>> } = {
  jwks: answer(z.object({ keys: z.array(record) }).loose()) as z.ZodType<Answer<JSONWebKeySet>>,
  identity: answer(record),
  userinfo: answer(record),
  api: z.object({
    label: z.string(),
    status: z.number().optional(),
    body: z.unknown().optional(),
    reason: z.string().optional(),
  }),
}

/** The facts from stored `[kind, JSON]` rows; unknown kinds and rows that do not parse are skipped. */
export function parseFacts(rows: readonly { kind: string; value: string }[]): InspectorFacts {
  const out: Record<string, unknown> = {}
  for (const row of rows) {
    if (!Object.hasOwn(SCHEMAS, row.kind)) continue
    let json: unknown
    try {
      json = JSON.parse(row.value)
    } catch {
      continue
    }
    const parsed = SCHEMAS[row.kind as FactKind].safeParse(json)
    if (parsed.success) out[row.kind] = parsed.data
  }
  return out as InspectorFacts
}

/** A failed call as an answer: the error's message, and the HTTP status when the error carries one. */
export function failedAnswer(e: unknown): { ok: false; status?: number; reason: string } {
  const status = (e as { status?: unknown } | undefined)?.status
  return {
    ok: false,
    ...(typeof status === "number" ? { status } : {}),
    reason: e instanceof Error ? e.message : "unknown error",
  }
}

/** Awaits `call`, hands its answer (value or failure) to `keep`, then returns the value or throws as the call did. */
export async function keepAnswer<T>(call: Promise<T>, keep: (a: Answer<T>) => void): Promise<T> {
  let value: T
  try {
    value = await call
  } catch (e) {
    keep(failedAnswer(e))
    throw e
  }
  keep({ ok: true, value })
  return value
}
