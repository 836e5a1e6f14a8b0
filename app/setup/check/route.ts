import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"
import { runSetupCheckRequest } from "@/lib/setup/check-request"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  return redirectResponse(await runSetupCheckRequest(req))
}
