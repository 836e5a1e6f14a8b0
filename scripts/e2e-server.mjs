// The browser tests' web server: one or more site + embedded org pairs (one per Playwright worker,
// tests/e2e/_helpers/pairs.ts), each `next start` and its org on inner loopback ports behind a
// recording reverse proxy on the pair's public port (the site) and the next two (the org). Every
// response the tests saw (status, headers, body) is appended to `$E2E_CAPTURE_DIR/responses.jsonl`,
// and everything the servers printed to `server.log`, so that tests/e2e/leak-scan.spec.ts can
// search them for secrets after the suite (issue 6 item 3; C-67, C-68).
import fs from "node:fs"
import http from "node:http"
import path from "node:path"
import { freePort, freePortPair, startSite } from "./next-server.mjs"

const captureDir = process.env.E2E_CAPTURE_DIR
if (!captureDir) throw new Error("E2E_CAPTURE_DIR is not set (playwright.config.ts sets it)")
/** [{ port, publicUrl, dataDir }], one per pair (playwright.config.ts). */
const pairs = JSON.parse(process.env.E2E_PAIRS ?? "null")
if (!Array.isArray(pairs) || !pairs.length)
  throw new Error("E2E_PAIRS is not set (playwright.config.ts sets it)")
fs.mkdirSync(captureDir, { recursive: true })
// One writer per file for every pair: whole lines, never two interleaved.
const responses = fs.createWriteStream(path.join(captureDir, "responses.jsonl"), { flags: "a" })
const serverLog = fs.createWriteStream(path.join(captureDir, "server.log"), { flags: "a" })

/** Everything a pair's servers print goes to the log file and this process's output, by line. */
function teeLines(label) {
  let rest = ""
  return (chunk) => {
    const lines = (rest + chunk.toString("utf8")).split("\n")
    rest = lines.pop() ?? ""
    for (const line of lines) {
      const out = `${label}${line}\n`
      serverLog.write(out)
      process.stdout.write(out)
    }
  }
}

/** Inner ports, `width` in a row, none handed out before (a freed port may be offered twice). */
const taken = new Set()
async function innerPorts(find, width) {
  for (;;) {
    const first = await find()
    const ports = Array.from({ length: width }, (_, i) => first + i)
    if (ports.some((p) => taken.has(p))) continue
    ports.forEach((p) => taken.add(p))
    return first
  }
}

/** Starts one pair; its public ports open later, once every pair is ready. */
async function startPair({ port, publicUrl, dataDir, inner, orgInner }, index) {
  const site = await startSite({
    port: inner,
    orgPort: port + 1,
    orgListen: [orgInner, orgInner + 1],
    dataDir,
    publicUrl,
    // Several pairs start at once on a 2-core machine: slower, not wrong.
    timeoutMs: 180_000,
    // In this process's group: Playwright ends the web server by killing its group.
    ownGroup: false,
    // Playwright's webServer env, as given (the secrets' canaries among it), with this pair's own.
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined)),
      NEXTAUTH_URL: publicUrl,
      SALESFORCE_LAB_DATA_DIR: dataDir,
      // The Token Exchange flow's identity provider listens itself at the pair's port + 3 (not
      // recorded: its tokens are not the org's, which the leak scan looks for).
      SALESFORCE_LAB_IDP_PORT: String(port + 3),
    },
  })
  const tee = teeLines(pairs.length > 1 ? `[pair ${index}] ` : "")
  site.child.stdout.on("data", tee)
  site.child.stderr.on("data", tee)
  for (const line of site.logs()) tee(`${line}\n`)
  return { port, inner, orgInner, site }
}

// The inner ports first, one pair after another; then the pairs start together.
for (const p of pairs) {
  p.inner = await innerPorts(freePort, 1)
  // The embedded org's public ports follow the site's (port + 1 and + 2), also behind the proxy.
  p.orgInner = await innerPorts(freePortPair, 2)
}
// Every pair, or none: when one fails to start (a port taken, a crash), the others are stopped
// before this process exits, or they would outlive the run holding their ports (Playwright kills
// the web server's process group only while the web server itself is still running).
const outcomes = await Promise.allSettled(pairs.map(startPair))
const failed = outcomes.filter((o) => o.status === "rejected")
if (failed.length) {
  await Promise.allSettled(
    outcomes.filter((o) => o.status === "fulfilled").map((o) => o.value.site.kill("SIGKILL")),
  )
  for (const f of failed) console.error(f.reason instanceof Error ? f.reason.message : f.reason)
  process.exit(1)
}
const started = outcomes.map((o) => o.value)

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
// the org on 127.0.0.1, where it is addressed. The org's ports open before its site's, and the
// last pair's site last: Playwright waits for that one (playwright.config.ts, webServer.url).
const servers = []
const listeners = started.flatMap(({ port, inner, orgInner }) => [
  ["127.0.0.1", port + 1, orgInner, `http://127.0.0.1:${port + 1}`],
  ["127.0.0.1", port + 2, orgInner + 1, `http://127.0.0.1:${port + 2}`],
  ["::1", port, inner, ""],
  ["127.0.0.1", port, inner, ""],
])
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
  await Promise.all(started.map(({ site }) => site.stop()))
  responses.end()
  serverLog.end()
  process.exit(0)
}
process.on("SIGTERM", shutdown)
process.on("SIGINT", shutdown)
for (const { site } of started) site.exited.then(() => process.exit(1))
