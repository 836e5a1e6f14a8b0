/**
 * A request body, or undefined when it is longer than `limit` bytes: the declared Content-Length is
 * checked first, and the stream is cut off past the limit whatever it declared (a 10 MB body never
 * sits in memory).
 */
export async function readLimitedBytes(
  req: Request,
  limit: number,
): Promise<Uint8Array | undefined> {
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
