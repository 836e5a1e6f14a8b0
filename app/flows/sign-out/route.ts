import { redirectResponse } from "@/lib/http/respond"
import { signOut } from "@/lib/flows/shared/sign-out"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  handle: async (_, req) => redirectResponse(await signOut(req.headers.get("cookie"))),
})
