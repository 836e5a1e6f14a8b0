import http from "node:http"
import type { AddressInfo } from "node:net"
import { Readable } from "node:stream"

/**
 * Mounts a `(Request) => Promise<Response>` handler on a plain node:http server on loopback,
 * proving the org needs no framework, and giving real clients (jsforce, @salesforce/core) a URL.
 */
export async function serve(
  handler: (req: Request) => Promise<Response>,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const origin = `http://${req.headers.host}`
    const hasBody = req.method !== "GET" && req.method !== "HEAD"
    const request = new Request(new URL(req.url ?? "/", origin), {
      method: req.method,
      headers: Object.entries(req.headers).flatMap(([k, v]) =>
        v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v]],
      ) as [string, string][],
      body: hasBody ? (Readable.toWeb(req) as ReadableStream) : undefined,
      duplex: "half",
    } as RequestInit)
    const response = await handler(request)
    res.statusCode = response.status
    response.headers.forEach((v, k) => {
      if (k !== "set-cookie") res.setHeader(k, v)
    })
    const cookies = response.headers.getSetCookie()
    if (cookies.length) res.setHeader("set-cookie", cookies)
    res.end(Buffer.from(await response.arrayBuffer()))
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((r) => server.close(() => r())),
  }
}
