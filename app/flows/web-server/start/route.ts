import { z } from "zod"
import { redirectResponse } from "@/lib/http/respond"
import { startWebServer } from "@/lib/flows/web-server"
import { postRoute } from "@/lib/http/post-route"
import { CLIENT_AUTH_METHODS } from "@/lib/salesforce/client-auth"

export const dynamic = "force-dynamic"

/**
 * The optional login hint, `prompt=login` and the client authentication (`client_auth`, the
 * secret unless one of the others is chosen); anything else in the form is left out of the authorize URL.
 * A hint longer than a Salesforce username (80 characters) is dropped: the org refuses one (docs/fidelity.md, F-60).
 */
export const { POST, GET } = postRoute({
  form: z.object({
    login_hint: z.string().max(80).optional().catch(undefined),
    prompt: z.literal("login").optional().catch(undefined),
    client_auth: z.enum(CLIENT_AUTH_METHODS).catch("secret"),
  }),
  handle: async ({ login_hint, prompt, client_auth }) =>
    redirectResponse(
      await startWebServer({ loginHint: login_hint, prompt, clientAuth: client_auth }),
    ),
})
