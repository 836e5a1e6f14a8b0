// A baseline for `npm run lighthouse`: one of the site's own pages exactly as the site serves it (its
// HTML, stylesheet and response headers, COOP and CSP included, gzip as `next start` sends it), with
// every script removed. The flow pages without a waiting state (JWT Bearer, the one measured) have no
// client component of their own: all their JavaScript is the framework's runtime and the hydration of
// the server-rendered tree. So what the page scores below
// this baseline is what that runtime costs on this machine, and what this baseline scores is what
// the page's own HTML and CSS cost.
import http from "node:http"
import zlib from "node:zlib"

// Hop-by-hop and encoding headers: the proxy sends its own body, so they are its own to set.
const DROPPED = new Set(["content-encoding", "content-length", "transfer-encoding", "connection"])

/**
 * The page without scripts. The input is the site's own server-rendered HTML, whose script elements
 * never contain "</script>" (React escapes it in the inline payload), so a pattern suffices here:
 * this is a measuring tool on our own output, not a parser for anyone's HTML.
 */
export function withoutScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\bas="script"[^>]*>/gi, "")
}

/** Serves `siteUrl` through a proxy on a free loopback port; HTML responses lose their scripts. */
export async function startNoScriptProxy(siteUrl) {
  const server = http.createServer(async (req, res) => {
    try {
      const upstream = await fetch(new URL(req.url ?? "/", siteUrl), {
        headers: { accept: req.headers.accept ?? "*/*", "accept-encoding": "identity" },
        redirect: "manual",
      })
      const headers = {}
      for (const [name, value] of upstream.headers) if (!DROPPED.has(name)) headers[name] = value
      let body = Buffer.from(await upstream.arrayBuffer())
      const type = headers["content-type"] ?? ""
      if (type.startsWith("text/html")) body = Buffer.from(withoutScripts(body.toString("utf8")))
      // Compressed as the site compresses text, so the simulated network sees the same sizes.
      if (
        /^(text\/|application\/(javascript|json))/.test(type) &&
        /gzip/.test(req.headers["accept-encoding"] ?? "")
      ) {
        body = zlib.gzipSync(body)
        headers["content-encoding"] = "gzip"
      }
      res.writeHead(upstream.status, headers)
      res.end(body)
    } catch (e) {
      res.writeHead(502, { "content-type": "text/plain" })
      res.end(`no-script proxy: ${e.message}`)
    }
  })
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve))
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () => new Promise((resolve) => server.close(resolve)),
  }
}
