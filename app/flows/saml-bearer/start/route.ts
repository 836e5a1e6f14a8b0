import { z } from "zod"
import { runSamlBearer } from "@/lib/flows/saml-bearer"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** A missing or non-text username is the empty one: the flow then explains on its error page. */
export const { POST, GET } = postRoute({
  form: z.object({ username: z.string().catch("") }),
  handle: async ({ username }) => redirectResponse(await runSamlBearer(username)),
})
