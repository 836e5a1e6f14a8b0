import "server-only"
import { readJson } from "@/lib/http/read-limited"
import { completeUserAgent } from "./user-agent"

/** The fragment parameters a Salesforce user-agent callback may carry; anything else is ignored. */
const FIELDS = ["access_token", "refresh_token", "signature", "scope", "id_token", "instance_url", "id", "token_type", "issued_at", "state", "error", "error_description"]

/**
 * Reads the fragment the callback page posts (JSON, at most 32 KB, string values only) and answers
 * `{ location }` with the session or error cookies set: the page then navigates there.
 */
export async function completeUserAgentRequest(req: Request): Promise<Response> {
  const body = await readJson(req, 32 * 1024)
  const fragment: Record<string, string> = {}
  if (body && typeof body === "object" && !Array.isArray(body)) {
    for (const k of FIELDS) {
      const v = (body as Record<string, unknown>)[k]
      if (typeof v === "string") fragment[k] = v
    }
  }
  const r = await completeUserAgent(fragment, req.headers.get("cookie"))
  const headers = new Headers({ "content-type": "application/json", "cache-control": "no-store" })
  for (const c of r.cookies) headers.append("set-cookie", c)
  return new Response(JSON.stringify({ location: r.location }), { status: 200, headers })
}
