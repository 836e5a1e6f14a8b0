import { z } from "zod"
import { redirectResponse } from "@/lib/http/respond"
import { startWebServer } from "@/lib/flows/web-server"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/**
 * The optional login hint and `prompt=login`; anything else in the form is left out of the authorize URL.
 * A hint longer than a Salesforce username (80 characters) is dropped: the org refuses one (docs/fidelity.md, F-60).
 */
export const { POST, GET } = postRoute({
  form: z.object({
    login_hint: z.string().max(80).optional().catch(undefined),
    prompt: z.literal("login").optional().catch(undefined),
  }),
  handle: async ({ login_hint, prompt }) =>
    redirectResponse(await startWebServer({ loginHint: login_hint, prompt })),
})
