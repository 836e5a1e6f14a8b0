import { z } from "zod"
import { runTokenExchange, SUBJECT_TYPE_NAMES } from "@/lib/flows/token-exchange"
import { redirectResponse } from "@/lib/http/respond"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

const optionalWord = (re: RegExp) =>
  z
    .string()
    .optional()
    .transform((v) => (v && re.test(v.trim()) ? v.trim() : undefined))

/** Step 3: the held external token for Salesforce tokens. Unknown choices fall back to the defaults. */
export const { POST, GET } = postRoute({
  form: z.object({
    type: z.enum(SUBJECT_TYPE_NAMES as [string, ...string[]]).catch("id_token"),
    token_handler: optionalWord(/^[A-Za-z][A-Za-z0-9_]{0,79}$/),
    scope: optionalWord(/^[\w.: -]{1,512}$/),
  }),
  handle: async ({ type, token_handler, scope }, req) =>
    redirectResponse(
      await runTokenExchange(req.headers.get("cookie"), {
        type: type as (typeof SUBJECT_TYPE_NAMES)[number],
        tokenHandler: token_handler,
        scope,
      }),
    ),
})
