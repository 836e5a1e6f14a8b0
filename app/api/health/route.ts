// Liveness probe for process managers and load balancers: answers without touching the org, the
// database or the session, so it says only "this server runs". The bench also uses it as its
// baseline (the cost of a bare route of this same server).
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export function GET() {
  return Response.json({ status: "ok" }, { headers: { "cache-control": "no-store" } })
}

export const POST = methodNotAllowed("GET", "HEAD")
