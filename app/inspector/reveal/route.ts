import { z } from "zod"
import { revealField } from "@/lib/inspector/reveal"
import { postRoute } from "@/lib/http/post-route"

export const dynamic = "force-dynamic"

const answer = (value: string | undefined) =>
  Response.json(value === undefined ? { error: "nothing to reveal" } : { value }, {
    status: value === undefined ? 404 : 200,
    headers: { "cache-control": "no-store" },
  })

/** Reveal and Copy: a secret leaves the server only on an explicit same-origin POST. */
export const { POST, GET } = postRoute({
  json: z.object({ field: z.string() }),
  limit: 1024,
  invalid: () => answer(undefined),
  handle: async ({ field }, req) => answer(await revealField(field, req.headers.get("cookie"))),
})
