import "server-only"
import type { z } from "zod"
import { methodNotAllowed } from "./method-not-allowed"
import { readLimitedBytes, SITE_FORM_BYTES } from "./read-limited"
import { refusePost } from "./respond"

type Answer = Response | Promise<Response>

/** What a state-changing POST route of the site declares: its body's schema and what it does. */
export interface PostRouteSpec<T> {
  /** The body is a form (urlencoded or multipart); the schema sees the first value of each name. */
  form?: z.ZodType<T>
  /** The body is JSON; the schema sees the parsed value, or undefined when it is not JSON. */
  json?: z.ZodType<T>
  /** At most this many bytes of body are read (default SITE_FORM_BYTES). */
  limit?: number
  /** A body past `limit`: by default it is read as an empty one (then validated like any other). */
  tooLarge?: (req: Request) => Answer
  /** A body the schema refuses: by default a 400 JSON error naming the fields. */
  invalid?: (req: Request, error: z.ZodError) => Answer
  /** The route itself, with the validated input (undefined when the route takes no body). */
  handle: (input: T, req: Request) => Answer
}

/** The first value of each name: what `FormData.get` answers, so a repeated field cannot smuggle a second value past the check. */
function firstValues(form: FormData): Record<string, FormDataEntryValue> {
  const out: Record<string, FormDataEntryValue> = {}
  for (const [k, v] of form) if (!Object.hasOwn(out, k)) out[k] = v
  return out
}

async function parseForm(
  bytes: Uint8Array,
  contentType: string,
): Promise<Record<string, FormDataEntryValue>> {
  const form = await new Response(bytes as BodyInit, { headers: { "content-type": contentType } })
    .formData()
    .catch(() => new FormData())
  return firstValues(form)
}

function parseJson(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"))
  } catch {
    return undefined
  }
}

const defaultInvalid = (_req: Request, error: z.ZodError) =>
  Response.json(
    {
      error: "invalid_request",
      error_description: `the request body is not valid: ${error.issues.map((i) => i.path.join(".") || "body").join(", ")}`,
    },
    { status: 400, headers: { "cache-control": "no-store" } },
  )

/**
 * One state-changing POST route of the site, with every guard in one place, in this order:
 * 1. the configuration gate and the same-origin (CSRF) check of `refusePost` (303 /setup, 403);
 * 2. the body, read up to `limit` bytes whatever Content-Length says (an unreadable or unparsable
 *    body reads as empty, as a form the browser could not have sent);
 * 3. the route's zod schema, whose refusal is the route's own explained answer (`invalid`);
 * and `GET` (HEAD too, which Next derives from it) answers 405 with `Allow: POST`. A route without
 * `form` or `json` never reads its body.
 */
export function postRoute<T = undefined>(
  spec: PostRouteSpec<T>,
): { POST: (req: Request) => Promise<Response>; GET: (req: Request) => Response } {
  const schema = spec.form ?? spec.json
  async function POST(req: Request): Promise<Response> {
    const refused = refusePost(req)
    if (refused) return refused
    if (!schema) return spec.handle(undefined as T, req)
    const bytes = await readLimitedBytes(req, spec.limit ?? SITE_FORM_BYTES)
    if (!bytes && spec.tooLarge) return spec.tooLarge(req)
    const body = spec.form
      ? await parseForm(bytes ?? new Uint8Array(), req.headers.get("content-type") ?? "")
      : bytes
        ? parseJson(bytes)
        : undefined
    const parsed = await schema.safeParseAsync(body)
    if (!parsed.success) return (spec.invalid ?? defaultInvalid)(req, parsed.error)
    return spec.handle(parsed.data, req)
  }
  return { POST, GET: methodNotAllowed("POST") }
}
