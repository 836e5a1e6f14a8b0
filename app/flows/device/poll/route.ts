import { z } from "zod"
import { pollDeviceFlow } from "@/lib/flows/device"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/**
 * One poll. The waiting page's script asks for JSON (`{ status, retryAfterS, notice? }` or
 * `{ status, location }`); the *Check now* form, without script, gets a 303 to the same places.
 * Both send `flow`, the id of the flow the page shows (docs/security.md, R-02).
 */
export const { POST, GET } = postRoute({
  form: z.object({ flow: z.string().max(64).optional().catch(undefined) }),
  handle: async ({ flow }, req) => {
    const poll = await pollDeviceFlow(req.headers.get("cookie"), flow)
    const location = poll.status === "pending" ? "/flows/device" : poll.location
    if (!(req.headers.get("accept") ?? "").includes("application/json"))
      return redirectResponse({ location, cookies: poll.cookies })
    const headers = new Headers({ "cache-control": "no-store" })
    for (const c of poll.cookies) headers.append("set-cookie", c)
    const body =
      poll.status === "pending"
        ? { status: poll.status, retryAfterS: poll.retryAfterS, notice: poll.notice }
        : { status: poll.status, location }
    return Response.json(body, { headers })
  },
})
