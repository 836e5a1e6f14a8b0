import "server-only"
import crypto from "node:crypto"
import type { ExchangeRecorder } from "@/lib/salesforce/http-exchange"
import type { FactSink, InspectorFact } from "./facts"
import { redactExchange, redactFactValue, redactKnown, redactUrl, type KnownSecret } from "./redact"
import { appendEntry, pruneTranscriptsIfDue, putFact } from "./store"

/**
 * Records one transcript. The SalesforceClient hands it every exchange it makes (the one place
 * calls are recorded); flows add their browser redirects. Everything is redacted on the way in.
 */
export class TranscriptRecorder implements FactSink {
  private readonly known: KnownSecret[] = []

  constructor(readonly id: string) {}

  static start(): TranscriptRecorder {
    pruneTranscriptsIfDue()
    return new TranscriptRecorder(crypto.randomBytes(16).toString("base64url"))
  }

  /** Secrets to hide wherever they appear, beyond the fields that always carry one. */
  know(...secrets: (KnownSecret | undefined)[]): this {
    for (const s of secrets) if (s && s.value) this.known.push(s)
    return this
  }

  readonly exchange: ExchangeRecorder = (e) =>
    appendEntry(this.id, {
      kind: "exchange",
      at: e.startedAt,
      exchange: redactExchange(e, this.known),
    })

  redirect(step: string, url: string): void {
    appendEntry(this.id, {
      kind: "redirect",
      at: Date.now(),
      step,
      url: redactUrl(url, this.known),
    })
  }

  note(step: string, text: string): void {
    appendEntry(this.id, {
      kind: "note",
      at: Date.now(),
      step,
      text: redactKnown(text, this.known),
    })
  }

  /** Keeps what the inspector shows as a typed fact beside the transcript, redacted like it. */
  fact(f: InspectorFact): void {
    putFact(this.id, f.kind, redactFactValue(f.value, this.known))
  }
}

/** Transcript ids travel in cookies and sessions; anything else is not one of ours. */
export const isTranscriptId = (v: unknown): v is string =>
  typeof v === "string" && /^[\w-]{22}$/.test(v)
