import { redirectResponse, refusePost } from "@/lib/http/respond"
import { startUserAgent } from "@/lib/flows/user-agent"
import { methodNotAllowed } from "@/lib/http/method-not-allowed"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  const refused = refusePost(req)
  if (refused) return refused
  return redirectResponse(await startUserAgent())
}

export const GET = methodNotAllowed("POST")
