// The site's production server: `next start` with one addition, the pages that work without
// JavaScript are sent without Next.js's scripts (scripts/script-free.mjs). Next.js's own request
// handler (its custom-server API, https://nextjs.org/docs/app/guides/custom-server) does all the
// rest: proxy.ts, the headers of next.config.js, routes, static files.
// Usage, as `next start`: node scripts/site-server.mjs -p PORT -H HOST
import http from "node:http"
import { parseArgs } from "node:util"
import { root } from "./lib.mjs"
import { serveDocument } from "./script-free.mjs"

const { values } = parseArgs({
  options: {
    port: { type: "string", short: "p", default: process.env.PORT || "3000" },
    hostname: { type: "string", short: "H", default: "127.0.0.1" },
  },
})
const port = Number(values.port)
const hostname = values.hostname
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`site-server: -p takes a port number, not ${JSON.stringify(values.port)}`)
  process.exit(2)
}

// What `next start` sets before it loads Next.js (next/dist/bin/next, server/lib/start-server).
process.env.NODE_ENV = "production"
process.title = "lab-site-server"
const { default: next } = await import("next")

const started = Date.now()
const app = next({ dev: false, dir: root, hostname, port })
await app.prepare()
const handle = app.getRequestHandler()

const server = http.createServer(async (req, res) => {
  try {
    await serveDocument(req, res, handle)
  } catch (e) {
    // What `next start` answers when its handler throws: no detail reaches the browser.
    console.error(`Failed to handle request for ${req.url}`, e)
    if (!res.headersSent) res.statusCode = 500
    if (!res.writableEnded) res.end("Internal Server Error")
  }
})
server.on("error", (e) => {
  console.error(`site-server: cannot listen on ${hostname}:${port}: ${e.message}`)
  process.exit(1)
})
server.listen(port, hostname, () => {
  const address = server.address()
  process.env.PORT = String(address.port)
  process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${address.port}`
  console.log(`✓ Ready in ${Date.now() - started}ms on ${process.env.__NEXT_PRIVATE_ORIGIN}`)
})

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
])
  process.on(signal, () => {
    server.close()
    process.exit(code)
  })
