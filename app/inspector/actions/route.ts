import { actionInputSchema, runInspectorAction } from "@/lib/inspector/actions"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

/** The inspector's buttons; an unknown action goes back to the inspector. */
export const { POST, GET } = postRoute({
  form: actionInputSchema,
  invalid: () => redirectResponse({ location: "/inspector", cookies: [] }),
  handle: async ({ action, q }, req) =>
    redirectResponse(await runInspectorAction(action, { q }, req.headers.get("cookie"))),
})
