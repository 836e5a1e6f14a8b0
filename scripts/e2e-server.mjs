// The browser tests' web server: `next start` and the embedded org on inner loopback ports, behind a
// recording reverse proxy on E2E_PORT (the site) and E2E_PORT + 1 and + 2 (the org). Every response the tests saw (status, headers, body) is appended to
// `$E2E_CAPTURE_DIR/responses.jsonl`, and everything the server printed to `server.log`, so that
// tests/e2e/leak-scan.spec.ts can search them for secrets after the suite (issue 6 item 3; C-67, C-68).
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import { freePort, freePortPair, startSite } from "./next-server.mjs"

const port = Number(process.env.E2E_PORT ?? 3100)
const captureDir = process.env.E2E_CAPTURE_DIR
if (!captureDir) throw new Error("E2E_CAPTURE_DIR is not set (playwright.config.ts sets it)")
fs.mkdirSync(captureDir, { recursive: true })
const responses = fs.createWriteStream(path.join(captureDir, "responses.jsonl"), { flags: "a" })
const serverLog = fs.createWriteStream(path.join(captureDir, "server.log"), { flags: "a" })

const inner = await freePort()
// The embedded org's public ports follow the site's (E2E_PORT + 1 and + 2), also behind the proxy.
const orgInner = await freePortPair()
const site = await startSite({
  port: inner,
  orgPort: port + 1,
  orgListen: [orgInner, orgInner + 1],
  dataDir: process.env.SALESFORCE_LAB_DATA_DIR,
  publicUrl: process.env.NEXTAUTH_URL,
  // In this process's group: Playwright ends the web server by killing its group.
  ownGroup: false,
  // Playwright's webServer env, as given (the secrets' canaries among it).
  env: {
    ...Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)),
    // The Token Exchange flow's identity provider listens itself at E2E_PORT + 3 (not recorded:
    // its tokens are not the org's, which the leak scan looks for).
    SALESFORCE_LAB_IDP_PORT: String(port + 3),
  },
})
// Everything the server prints goes to the log file and, as before, to this process's output.
const tee = (chunk) => {
  serverLog.write(chunk)
  process.stdout.write(chunk)
}
site.child.stdout.on("data", tee)
site.child.stderr.on("data", tee)
for (const line of site.logs()) tee(`${line}\n`)

const TEXT = /^(text\/|application\/(json|javascript|x-www-form-urlencoded)|image\/svg)/

/** Site responses are recorded by path, the org's by absolute URL (they are another origin). */
const proxyTo = (innerPort, recordAs) => (req, res) => {
  const upstream = http.request(
    { host: "127.0.0.1", port: innerPort, method: req.method, path: req.url, headers: req.headers },
    (up) => {
      res.writeHead(up.statusCode ?? 502, up.rawHeaders)
      const chunks = []
      up.on("data", (c) => {
        chunks.push(c)
        res.write(c)
      })
      up.on("end", () => {
        res.end()
        const type = String(up.headers["content-type"] ?? "")
        const body =
          TEXT.test(type) || !type
            ? Buffer.concat(chunks).toString("utf8")
            : `<${type}, ${Buffer.concat(chunks).length} bytes>`
        responses.write(
          `${JSON.stringify({ method: req.method, url: `${recordAs}${req.url}`, status: up.statusCode, headers: up.headers, body })}\n`,
        )
      })
    },
  )
  upstream.on("error", () => {
    if (res.destroyed) return
    if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" })
    res.end("the site behind the test proxy did not answer")
  })
  // A browser that gives up on a request (navigation, context closed) must not leave it open upstream.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy()
  })
  req.pipe(upstream)
}

// Loopback only (S-94), the site on both address families ("localhost" may resolve to either),
// the org on 127.0.0.1, where it is addressed.
const servers = []
const listeners = [
  ["127.0.0.1", port, inner, ""],
  ["::1", port, inner, ""],
  ["127.0.0.1", port + 1, orgInner, `http://127.0.0.1:${port + 1}`],
  ["127.0.0.1", port + 2, orgInner + 1, `http://127.0.0.1:${port + 2}`],
]
for (const [host, publicPort, innerPort, recordAs] of listeners) {
  const server = http.createServer(proxyTo(innerPort, recordAs))
  await new Promise((resolve) => {
    server.once("error", resolve) // no IPv6 on this machine: the IPv4 listener is enough
    server.listen(publicPort, host, resolve)
  })
  servers.push(server)
}

const shutdown = async () => {
  for (const s of servers) s.close()
  await site.stop()
  responses.end()
  serverLog.end()
  process.exit(0)
}
process.on("SIGTERM", shutdown)
process.on("SIGINT", shutdown)
site.exited.then(() => process.exit(1))
