import { z } from "zod"
import { runClientCredentials, SECRET_VIAS, TOKEN_HOSTS } from "@/lib/flows/client-credentials"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** Anything but the known choices is the default: the secret in the body, to My Domain. */
export const { POST, GET } = postRoute({
  form: z.object({
    via: z.enum(SECRET_VIAS).catch("body"),
    at: z.enum(TOKEN_HOSTS).catch("my-domain"),
  }),
  handle: async ({ via, at }) => redirectResponse(await runClientCredentials(via, at)),
})
