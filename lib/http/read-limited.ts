/**
 * A request body, or undefined when it is longer than `limit` bytes: the declared Content-Length is
 * checked first, and the stream is cut off past the limit whatever it declared (a 10 MB body never
 * sits in memory).
 */
export async function readLimitedBytes(req: Request, limit: number): Promise<Uint8Array | undefined> {
  if (Number(req.headers.get("content-length") ?? 0) > limit) return undefined
  const reader = req.body?.getReader()
  if (!reader) return new Uint8Array()
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > limit) {
      await reader.cancel()
      return undefined
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks)
}

/** The site's own forms are small: a larger body is refused before parsing. */
export const SITE_FORM_BYTES = 16 * 1024

/** A form body (urlencoded or multipart) of at most `limit` bytes; empty when too large or unreadable. */
export async function readFormData(req: Request, limit = SITE_FORM_BYTES): Promise<FormData> {
  const bytes = await readLimitedBytes(req, limit)
  if (!bytes) return new FormData()
  return new Response(bytes as BodyInit, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData().catch(() => new FormData())
}

/** A JSON body of at most `limit` bytes; undefined when too large or not JSON. */
export async function readJson(req: Request, limit = SITE_FORM_BYTES): Promise<unknown> {
  const bytes = await readLimitedBytes(req, limit)
  if (!bytes) return undefined
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"))
  } catch {
    return undefined
  }
}
