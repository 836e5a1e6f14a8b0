import http from "node:http"
import https from "node:https"

/**
 * A `fetch` on node:http and node:https for the site's back-channel calls to Salesforce (the
 * SalesforceClient, the setup checks). Why not the platform's fetch: in a CPU profile of
 * `npm run bench -- logins`, undici's fetch (its Request and Response objects, web streams and
 * abort signals) and the wrapper Next.js puts on it in route handlers (data cache, tracing) took
 * about a quarter of the site's CPU per sign-in, for four small JSON exchanges. Next.js's wrapper
 * also must not cache or share anything the site asks Salesforce.
 *
 * It does what those callers ask of fetch (lib/salesforce/http-exchange.ts), no more:
 * - `method`, `headers` (a record), a string `body` (sent with its Content-Length), `signal`;
 * - no redirect is followed: a 3xx is the answer, as `redirect: "manual"` asks;
 * - the answer is read whole, but never more than `maxBody` bytes: past that the connection is
 *   closed and the body is cut (docs/security.md, C-48: a hostile server cannot fill the memory);
 * - an abort rejects with the signal's reason (the caller's timeout), a failed connection with a
 *   TypeError, as fetch does (WHATWG Fetch, "fetch()" steps for an aborted or a network error);
 * - Accept and User-Agent default to fetch's (`*\/*`, `node`); no Accept-Encoding is sent, so
 *   answers come uncompressed.
 * Keep-alive comes from Node's global agents (on by default since Node.js 19).
 */
export function nodeFetch(maxBody: number): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const signal = init.signal ?? undefined
      if (signal?.aborted) return reject(signal.reason)
      let url: URL
      try {
        url = new URL(input instanceof Request ? input.url : String(input))
      } catch (cause) {
        return reject(new TypeError("fetch failed: not a URL", { cause }))
      }
      const client = url.protocol === "https:" ? https : url.protocol === "http:" ? http : undefined
      if (
        !client ||
        input instanceof Request ||
        (init.body != null && typeof init.body !== "string")
      )
        return reject(new TypeError(`fetch failed: ${url.protocol} URL or body not supported here`))
      const headers: Record<string, string> = { accept: "*/*", "user-agent": "node" }
      for (const [name, value] of new Headers(init.headers).entries()) headers[name] = value
      if (typeof init.body === "string")
        headers["content-length"] = String(Buffer.byteLength(init.body))

      const req = client.request(url, { method: init.method ?? "GET", headers })
      const onAbort = () => {
        req.destroy()
        reject(signal!.reason)
      }
      signal?.addEventListener("abort", onAbort, { once: true })
      const done = () => signal?.removeEventListener("abort", onAbort)
      req.on("error", (cause) => {
        done()
        reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause }))
      })
      req.on("response", (res) => {
        const chunks: Buffer[] = []
        let size = 0
        const answer = () => {
          done()
          const status = res.statusCode ?? 0
          try {
            const h = new Headers()
            for (let i = 0; i + 1 < res.rawHeaders.length; i += 2)
              h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!)
            // A status that carries no body (Fetch, "null body status") gets none.
            const body = [101, 103, 204, 205, 304].includes(status) ? null : Buffer.concat(chunks)
            resolve(new Response(body, { status, statusText: res.statusMessage, headers: h }))
          } catch (cause) {
            // A status outside 200-599, or a header fetch refuses: not an answer fetch would give.
            reject(new TypeError("fetch failed: unusable answer", { cause }))
          }
        }
        res.on("data", (chunk: Buffer) => {
          if (size >= maxBody) return
          chunks.push(chunk.subarray(0, maxBody - size))
          size += chunk.length
          if (size >= maxBody) {
            // Enough: what is left is not read, and the connection is not reused.
            res.destroy()
            answer()
          }
        })
        res.on("end", answer)
        // The server hung up before the whole answer: a network error, not a short body.
        res.on("close", () => {
          if (!res.complete && size < maxBody) {
            done()
            reject(signal?.aborted ? signal.reason : new TypeError("fetch failed: answer cut off"))
          }
        })
        res.on("error", (cause) => {
          done()
          reject(signal?.aborted ? signal.reason : new TypeError("fetch failed", { cause }))
        })
      })
      req.end(typeof init.body === "string" ? init.body : undefined)
    })
}
