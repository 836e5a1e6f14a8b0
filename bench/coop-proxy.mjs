// A loopback proxy in front of the site that adds `Cross-Origin-Opener-Policy: same-origin` to every
// answer, for bench/lighthouse.mjs: the baseline that measures, in the same run, what the header
// would cost the pages the site sends without it (docs/security.md, "Why COOP, and where not").
// Only for the bench: it forwards what it is given, with the Host the site answers to (C-80).
import http from "node:http"

/** Starts the proxy on a free loopback port; `target` is the site's base URL. */
export async function coopProxy(target) {
  const to = new URL(target)
  const server = http.createServer((req, res) => {
    const upstream = http.request(
      {
        host: to.hostname,
        port: to.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: to.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, {
          ...answer.headers,
          "cross-origin-opener-policy": "same-origin",
        })
        answer.pipe(res)
      },
    )
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" })
      res.end("the site did not answer")
    })
    req.pipe(upstream)
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
