// The site's production server: `next start` with one addition, the pages that work without
// JavaScript are sent without Next.js's scripts (scripts/script-free.mjs). Next.js's own request
// handler (its custom-server API, https://nextjs.org/docs/app/guides/custom-server) does all the
// rest: proxy.ts, the headers of next.config.js, routes, static files.
// Usage, as `next start`: node scripts/site-server.mjs -p PORT -H HOST [--keepAliveTimeout MS]
import http from "node:http"
import { parseArgs } from "node:util"
import { root } from "./lib.mjs"
import { serveDocument } from "./script-free.mjs"

const usage = "usage: node scripts/site-server.mjs -p PORT -H HOST [--keepAliveTimeout MS]"
let values
try {
  ;({ values } = parseArgs({
    options: {
      port: { type: "string", short: "p", default: process.env.PORT || "3000" },
      hostname: { type: "string", short: "H", default: "127.0.0.1" },
      keepAliveTimeout: { type: "string" },
    },
  }))
} catch (e) {
  console.error(`site-server: ${e.message}\n${usage}`)
  process.exit(2)
}
const port = Number(values.port)
const hostname = values.hostname
const keepAliveTimeout =
  values.keepAliveTimeout === undefined ? undefined : Number(values.keepAliveTimeout)
// A port of its own: Next.js builds the URLs of its internal requests from the one it is given,
// so "any free port" (0) would leave it naming another.
if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`site-server: -p takes a port number from 1 to 65535, not ${values.port}\n${usage}`)
  process.exit(2)
}
if (
  keepAliveTimeout !== undefined &&
  !(Number.isInteger(keepAliveTimeout) && keepAliveTimeout > 0)
) {
  console.error(
    `site-server: --keepAliveTimeout takes milliseconds, not ${values.keepAliveTimeout}`,
  )
  process.exit(2)
}

// What `next start` sets before it loads Next.js (next/dist/bin/next, server/lib/start-server).
process.env.NODE_ENV = "production"
process.env.PORT = String(port)
process.env.__NEXT_PRIVATE_ORIGIN = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${port}`
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
if (keepAliveTimeout) server.keepAliveTimeout = keepAliveTimeout
server.on("error", (e) => {
  console.error(`site-server: cannot listen on ${hostname}:${port}: ${e.message}`)
  process.exit(1)
})
server.listen(port, hostname, () =>
  console.log(`✓ Ready in ${Date.now() - started}ms on ${process.env.__NEXT_PRIVATE_ORIGIN}`),
)

// As `next start` stops (server/lib/start-server.js): no new connection, the requests in flight
// finish (a sign-in waiting on Salesforce ends with its session or its error page, not an empty
// answer), then Next.js closes; after 10 s it ends anyway. Repeated signals change nothing: Ctrl+C
// reaches this process from the terminal and again from `npm start`, which forwards it.
let stopping = false
function stop(code) {
  if (stopping) return
  stopping = true
  setTimeout(() => process.exit(code), 10_000).unref()
  server.close(() => app.close().finally(() => process.exit(code)))
  server.closeIdleConnections()
}
if (!process.env.NEXT_MANUAL_SIG_HANDLE) {
  process.on("SIGINT", () => stop(130))
  process.on("SIGTERM", () => stop(143))
}
