import http from "node:http"
import type { AddressInfo } from "node:net"
import { setClientIp } from "../client-ip"

/** The largest request body the org reads: far above any OAuth or REST request it takes. */
export const MAX_BODY_BYTES = 1024 * 1024

type Handler = (req: Request) => Promise<Response>

class BodyTooLarge extends Error {
  readonly code = "BODY_TOO_LARGE"
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (c: Buffer) => {
      size += c.length
      if (size > limit) {
        // Read no further: the 413 closes the connection (tooLarge), so the rest is never needed.
        req.removeAllListeners("data")
        req.pause()
        reject(new BodyTooLarge())
        return
      }
      chunks.push(c)
    })
    req.on("end", () => resolve(Buffer.concat(chunks)))
    req.on("error", reject)
  })
}

/** A node:http request as a fetch `Request`, its URL built from the `Host` the client named. */
export async function toWebRequest(req: http.IncomingMessage, scheme = "http"): Promise<Request> {
  const hasBody = req.method !== "GET" && req.method !== "HEAD"
  const body = hasBody ? await readBody(req, MAX_BODY_BYTES) : undefined
  const headers = new Headers()
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(", ") : v)
  }
  // A Host that is no valid host still reaches the org, which refuses it (request-guard.ts, S-94).
  let url: URL
  try {
    url = new URL(req.url ?? "/", `${scheme}://${req.headers.host ?? "invalid.invalid"}`)
  } catch {
    url = new URL(req.url ?? "/", `${scheme}://invalid.invalid`)
  }
  const request = new Request(url, {
    method: req.method,
    headers,
    body: body ? new Uint8Array(body) : undefined,
  })
  setClientIp(request, req.socket.remoteAddress)
  return request
}

/** Writes a fetch `Response` to node:http, each Set-Cookie as its own header line. */
export async function sendWebResponse(res: http.ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status
  response.headers.forEach((v, k) => {
    if (k !== "set-cookie") res.setHeader(k, v)
  })
  const cookies = response.headers.getSetCookie()
  if (cookies.length) res.setHeader("set-cookie", cookies)
  res.end(Buffer.from(await response.arrayBuffer()))
}

const plainError = (res: http.ServerResponse, status: number, description: string) => {
  if (res.headersSent) return res.destroy()
  res.writeHead(status, { "content-type": "application/json;charset=UTF-8" })
  res.end(JSON.stringify({ error: "invalid_request", error_description: description }))
}

/**
 * 413, then the connection closed once the answer is written (RFC 9110 §15.5.14 lets the server
 * close it): kept open, the rest of the body would have to be read through, and a client could
 * stream until the server's request timeout (docs/security.md, S-65).
 */
function tooLarge(req: http.IncomingMessage, res: http.ServerResponse): void {
  const body = JSON.stringify({
    error: "invalid_request",
    error_description: `the request body exceeds ${MAX_BODY_BYTES} bytes`,
  })
  res.writeHead(413, {
    "content-type": "application/json;charset=UTF-8",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  })
  res.end(body, () => req.socket.destroy())
}

/** A node:http server that answers every request with `handler` (the org needs no framework). */
export function nodeServer(handler: Handler): http.Server {
  return http.createServer(async (req, res) => {
    let request: Request
    try {
      request = await toWebRequest(req)
    } catch (e) {
      if (e instanceof BodyTooLarge) return tooLarge(req, res)
      return plainError(res, 400, "the request could not be read")
    }
    try {
      await sendWebResponse(res, await handler(request))
    } catch (e) {
      // The org answers its own failures (router.ts); this is a last resort, logged by name only.
      console.error(`[embedded org] ${e instanceof Error ? e.name : "unknown error"}`)
      plainError(res, 500, "the embedded org hit an internal error")
    }
  })
}

export interface Listening {
  server: http.Server
  port: number
  close: () => Promise<void>
}

/** Listens on `host:port` (port 0: any free one); rejects when the port is taken. */
export function listen(server: http.Server, port: number, host: string): Promise<Listening> {
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      server.off("error", reject)
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () =>
          new Promise<void>((r) => {
            server.close(() => r())
            server.closeAllConnections()
          }),
      })
    })
  })
}
