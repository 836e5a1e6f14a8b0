import { completeUserAgentRequest, fragmentSchema, FRAGMENT_BYTES } from "@/lib/flows/user-agent"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  json: fragmentSchema,
  limit: FRAGMENT_BYTES,
  handle: (fragment, req) => completeUserAgentRequest(fragment, req.headers.get("cookie")),
})
