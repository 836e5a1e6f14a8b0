import { z } from "zod"
import { runUsernamePassword } from "@/lib/flows/username-password"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** A missing field is an empty one: the flow explains it on its error page without calling the org. */
export const { POST, GET } = postRoute({
  form: z.object({
    username: z.string().max(256).catch(""),
    password: z.string().max(1024).catch(""),
  }),
  handle: async ({ username, password }) =>
    redirectResponse(await runUsernamePassword(username.trim(), password)),
})
