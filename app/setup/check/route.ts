import { redirectResponse, refusePost } from "@/lib/http/respond"
import { runSetupCheckRequest } from "@/lib/setup/check-request"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  return redirectResponse(await runSetupCheckRequest(req))
}

export const GET = methodNotAllowed("POST")
