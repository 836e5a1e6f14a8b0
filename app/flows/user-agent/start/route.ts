import { forbidden, fromSameOrigin, redirectResponse } from "@/lib/flows/respond"
import { startUserAgent } from "@/lib/flows/user-agent"

export const dynamic = "force-dynamic"

export async function POST(req: Request) {
  if (!fromSameOrigin(req)) return forbidden()
  return redirectResponse(await startUserAgent())
}
