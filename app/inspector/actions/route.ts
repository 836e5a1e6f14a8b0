import { ACTIONS, runInspectorAction, type InspectorAction } from "@/lib/inspector/actions"
import { redirectResponse, refusePost } from "@/lib/http/respond"
import { readFormData } from "@/lib/http/read-limited"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  const form = await readFormData(req)
  const action = form.get("action")
  if (typeof action !== "string" || !(ACTIONS as readonly string[]).includes(action)) return redirectResponse({ location: "/inspector", cookies: [] })
  return redirectResponse(await runInspectorAction(action as InspectorAction, form, req.headers.get("cookie")))
}

export const GET = methodNotAllowed("POST")
