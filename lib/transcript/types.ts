import type { HttpExchange } from "@/lib/salesforce/http-exchange"

/** One step of a flow or action, as the inspector's transcript shows it (already redacted). */
export type TranscriptEntry =
  | { kind: "redirect"; at: number; step: string; url: string }
  | { kind: "exchange"; at: number; exchange: HttpExchange }
  | { kind: "note"; at: number; step: string; text: string }
