import { postRoute } from "@/lib/http/post-route"
import { redirectResponse } from "@/lib/http/respond"
import { runScenarioRequest, scenarioInputSchema } from "@/lib/diagnose/requests"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  form: scenarioInputSchema,
  handle: async (input) => redirectResponse(await runScenarioRequest(input)),
})
