import { z } from "zod"
import { runClientCredentials, SECRET_VIAS } from "@/lib/flows/client-credentials"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** Anything but the two known choices is the default one, the secret in the body. */
export const { POST, GET } = postRoute({
  form: z.object({ via: z.enum(SECRET_VIAS).catch("body") }),
  handle: async ({ via }) => redirectResponse(await runClientCredentials(via)),
})
