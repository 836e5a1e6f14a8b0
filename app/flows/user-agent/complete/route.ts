import { refusePost } from "@/lib/http/respond"
import { completeUserAgentRequest } from "@/lib/flows/user-agent-request"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  return completeUserAgentRequest(req)
}

export const GET = methodNotAllowed("POST")
