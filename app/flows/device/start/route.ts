import { startDevice } from "@/lib/flows/device"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** *Start*: a device code from Salesforce, sealed into the flow's cookie, then the waiting page. */
export const { POST, GET } = postRoute({
  handle: async () => redirectResponse(await startDevice()),
})
