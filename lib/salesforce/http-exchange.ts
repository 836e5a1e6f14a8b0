/** One back-channel HTTP exchange, recorded by the code that makes it (raw; redacted for display). */
export interface HttpExchange {
  step: string
  method: string
  url: string
  requestHeaders: Record<string, string>
  requestBody?: string
  status?: number
  responseHeaders?: Record<string, string>
  responseBody?: string
  durationMs: number
  startedAt: number
  error?: string
}

export type ExchangeRecorder = (exchange: HttpExchange) => void

const headersObject = (h: Headers) => Object.fromEntries([...h.entries()])

/** Responses larger than this are cut: a token endpoint never needs more. */
export const MAX_BODY = 256 * 1024

/**
 * The body as text, reading at most `limit` bytes: a hostile or broken server cannot make the site
 * hold a huge body in memory (docs/security.md, C-48). A cut body is not valid JSON, so it fails as one.
 */
export async function boundedText(res: Response, limit: number): Promise<string> {
  const reader = res.body?.getReader()
  if (!reader) return ""
  const chunks: Uint8Array[] = []
  let total = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    chunks.push(value)
    total += value.byteLength
    if (total >= limit) {
      await reader.cancel().catch(() => undefined)
      break
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, limit))
}

/**
 * Makes a request with a timeout and records it. Network failures and timeouts become readable
 * errors; the body is read as text so a non-JSON answer (an HTML error page, a proxy) can be shown.
 */
export async function exchange(
  step: string,
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  opts: { fetch: typeof fetch; timeoutMs: number; record?: ExchangeRecorder },
): Promise<{ status: number; headers: Headers; text: string }> {
  const startedAt = Date.now()
  const requestHeaders = { ...(init.headers ?? {}) }
  const entry: HttpExchange = {
    step,
    method: init.method,
    url,
    requestHeaders,
    requestBody: init.body,
    durationMs: 0,
    startedAt,
  }
  // A timer cleared as soon as the exchange ends, not AbortSignal.timeout: that signal's timer runs
  // its full course, and keeps the request and its listeners in memory until it fires (ten seconds
  // of every sign-in's exchanges under load).
  const controller = new AbortController()
  const timer = setTimeout(
    () =>
      controller.abort(new DOMException(`no answer within ${opts.timeoutMs} ms`, "TimeoutError")),
    opts.timeoutMs,
  )
  try {
    const res = await opts.fetch(url, {
      method: init.method,
      headers: requestHeaders,
      body: init.body,
      redirect: "manual",
      signal: controller.signal,
    })
    const text = await boundedText(res, MAX_BODY)
    Object.assign(entry, {
      status: res.status,
      responseHeaders: headersObject(res.headers),
      responseBody: text,
      durationMs: Date.now() - startedAt,
    })
    return { status: res.status, headers: res.headers, text }
  } catch (e) {
    const timedOut =
      e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")
    entry.durationMs = Date.now() - startedAt
    entry.error = timedOut ? `no answer within ${opts.timeoutMs / 1000} s` : "network error"
    throw Object.assign(new Error(entry.error), { timedOut })
  } finally {
    clearTimeout(timer)
    opts.record?.(entry)
  }
}
