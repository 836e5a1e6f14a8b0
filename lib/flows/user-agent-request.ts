import "server-only"
import { z } from "zod"
import { completeUserAgent } from "./user-agent"

/** The fragment parameters a Salesforce user-agent callback may carry; anything else is ignored. */
const FIELDS = ["access_token", "refresh_token", "signature", "scope", "id_token", "instance_url", "id", "token_type", "issued_at", "state", "error", "error_description"] as const

/**
 * The fragment the callback page posts (JSON, string values only). Whatever else arrives (not an
 * object, not JSON, a number where a string belongs) is left out rather than refused:
 * `completeUserAgent` then explains what is missing on the flow's error page.
 */
export const fragmentSchema = z.unknown().transform((body) => {
  const fragment: Record<string, string> = {}
  if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const k of FIELDS) {
      const v = (body as Record<string, unknown>)[k]
      if (typeof v === "string") fragment[k] = v
    }
  }
  return fragment
})

/** The callback page's fragment can be long (an id_token), never this long. */
export const FRAGMENT_BYTES = 32 * 1024

/** Answers `{ location }` with the session or error cookies set: the page then navigates there. */
export async function completeUserAgentRequest(fragment: Record<string, string>, cookieHeader: string | null): Promise<Response> {
  const r = await completeUserAgent(fragment, cookieHeader)
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" })
  for (const c of r.cookies) headers.append("set-cookie", c)
  return new Response(JSON.stringify({ location: r.location }), { status: 200, headers })
}
