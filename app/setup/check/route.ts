import { redirectResponse } from "@/lib/http/respond"
import { runSetupCheckRequest, setupCheckInputSchema } from "@/lib/setup/check-request"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  form: setupCheckInputSchema,
  handle: async ({ client_id }) => redirectResponse(await runSetupCheckRequest(client_id)),
})
