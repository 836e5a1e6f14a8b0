import { revealField } from "@/lib/inspector/actions"
import { refusePost } from "@/lib/http/respond"
import { readJson } from "@/lib/http/read-limited"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

/** Reveal and Copy: a secret leaves the server only on an explicit same-origin POST. */
export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  const body = ((await readJson(req, 1024)) ?? {}) as { field?: unknown }
  const value = typeof body.field === "string" ? await revealField(body.field, req.headers.get("cookie")) : undefined
  return Response.json(value === undefined ? { error: "nothing to reveal" } : { value }, { status: value === undefined ? 404 : 200, headers: { "cache-control": "no-store" } })
}

export const GET = methodNotAllowed("POST")
