import http from "node:http"
import type { AddressInfo } from "node:net"

/** The header a test sets to pick the instance that serves a request ("0", "1", …); removed before forwarding. */
export const INSTANCE_HEADER = "x-lab-instance"

export interface Proxy {
  url: string
  /** How many requests each instance served, in target order. */
  served: number[]
  /** Points instance `i` at a new upstream (a restarted server on another port). */
  retarget(i: number, upstream: string): void
  close(): Promise<void>
}

/**
 * A tiny reverse proxy for the two-instance tests: the public URL both instances believe they are
 * served at (NEXTAUTH_URL). Without the instance header it goes round-robin, so consecutive
 * requests of one user land on different instances, as behind a load balancer without sticky
 * sessions. The Host header is kept, so each instance sees the public origin.
 */
export async function startProxy(upstreams: string[]): Promise<Proxy> {
  const targets = [...upstreams]
  const served = targets.map(() => 0)
  let next = 0
  const server = http.createServer((req, res) => {
    const asked = req.headers[INSTANCE_HEADER]
    const i =
      typeof asked === "string" && /^\d+$/.test(asked) && Number(asked) < targets.length
        ? Number(asked)
        : next++ % targets.length
    served[i]! += 1
    const headers = { ...req.headers }
    delete headers[INSTANCE_HEADER]
    const upstream = new URL(req.url ?? "/", targets[i])
    const out = http.request(upstream, { method: req.method, headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers)
      up.pipe(res)
    })
    out.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" })
      res.end(
        JSON.stringify({ error: "bad_gateway", error_description: `instance ${i} did not answer` }),
      )
    })
    req.pipe(out)
  })
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    served,
    retarget: (i, upstream) => {
      targets[i] = upstream
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
