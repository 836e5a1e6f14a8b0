import { forbidden, fromSameOrigin } from "@/lib/flows/respond"
import { completeUserAgentRequest } from "@/lib/flows/user-agent-request"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  return completeUserAgentRequest(req)
}
