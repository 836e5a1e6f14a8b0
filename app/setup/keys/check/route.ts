import { redirectResponse } from "@/lib/http/respond"
import { MAX_CHECK_INPUT_BYTES } from "@/lib/setup/certificate-check"
import {
  certificateCheckInputSchema,
  certificateCheckTooLarge,
  runCertificateCheckRequest,
} from "@/lib/setup/certificate-check-request"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

export const { POST, GET } = postRoute({
  form: certificateCheckInputSchema,
  limit: MAX_CHECK_INPUT_BYTES,
  tooLarge: async () => redirectResponse(await certificateCheckTooLarge()),
  handle: async (input) => redirectResponse(await runCertificateCheckRequest(input)),
})
