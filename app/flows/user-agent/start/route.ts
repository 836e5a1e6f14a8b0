import { redirectResponse } from "@/lib/http/respond"
import { startUserAgent } from "@/lib/flows/user-agent"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  handle: async () => redirectResponse(await startUserAgent()),
})
