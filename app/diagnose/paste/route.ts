import { postRoute } from "@/lib/http/post-route"
import { SITE_FORM_BYTES } from "@/lib/http/read-limited"
import { redirectResponse } from "@/lib/http/respond"
import { pasteInputSchema, pasteTooLarge, runPasteRequest } from "@/lib/diagnose/requests"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  form: pasteInputSchema,
  tooLarge: () => pasteTooLarge(SITE_FORM_BYTES),
  handle: async ({ paste }) => redirectResponse(await runPasteRequest(paste)),
})
