import { startIdpSignIn } from "@/lib/flows/token-exchange"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** Step 1: to the external identity provider's login. */
export const { POST, GET } = postRoute({
  handle: async () => redirectResponse(await startIdpSignIn()),
})
