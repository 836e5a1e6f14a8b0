// Over 200 lines: the server's page handling in one file: its pure helpers, then its behaviour behind
// Next.js's compression middleware, each way Next.js writes an answer.
// scripts/script-free.mjs: the site's server sends the pages that asked for it without Next.js's
// scripts. Driven here through a real node:http server, with handlers that answer the ways Next.js
// does (headers, flushHeaders, then chunks; writeHead with headers; a redirect; a download), behind
// the compression middleware Next.js's router server runs on every request.
import http from "node:http"
import { createRequire } from "node:module"
import type { AddressInfo } from "node:net"
import zlib from "node:zlib"
import { afterEach, describe, expect, it } from "vitest"
import {
  isDocumentRequest,
  isOpenableDocument,
  isScriptFreeDocument,
  serveDocument,
  withoutScripts,
} from "@/scripts/script-free.mjs"

const MARK = `<meta name="lab-runtime" content="none"/>`
const OPENABLE = `<meta name="lab-opener" content="any"/>`
/** A marked page that also says it shows nothing of anyone's flow. */
const openable = (html: string) => html.replace(`${MARK}</head>`, `${MARK}${OPENABLE}</head>`)
const page = (
  mark: boolean,
  body = '<main><form method="post" action="/x"><button>Start</button></form></main>',
) =>
  `<!DOCTYPE html><html><head><meta charSet="utf-8"/>` +
  `<link rel="preload" as="script" fetchPriority="low" nonce="n" href="/_next/static/chunks/a.js"/>` +
  `<script src="/_next/static/chunks/b.js" async="" nonce="n"></script>` +
  `<title>T</title>${mark ? MARK : ""}</head><body>${body}` +
  `<script nonce="n">self.__next_f.push([1,"0:[\\"$\\",\\"meta\\",null,{\\"name\\":\\"lab-runtime\\"}]\\u003c/script"])</script>` +
  `</body></html>`

// The middleware itself (it ships without types).
const compression = createRequire(import.meta.url)("next/dist/compiled/compression") as () => (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  next: () => void,
) => void

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void | Promise<void>
let server: http.Server | undefined
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
)

/** The handler behind Next.js's own compression middleware, as its router server runs it. */
async function serve(handler: Handler) {
  const compress = compression()
  server = http.createServer(
    (req, res) =>
      void serveDocument(req, res, (req, res) => {
        compress(req, res, () => {})
        return handler(req, res)
      }),
  )
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A raw GET: the body exactly as sent (not decoded), with the answer's headers. */
function get(url: string, headers: Record<string, string>, method = "GET") {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>(
    (resolve, reject) => {
      const req = http.request(url, { method, headers }, (res) => {
        const chunks: Buffer[] = []
        res.on("data", (c: Buffer) => chunks.push(c))
        res.on("end", () =>
          resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
        )
      })
      req.on("error", reject)
      req.end()
    },
  )
}

const NAVIGATION = {
  accept: "text/html,application/xhtml+xml,*/*;q=0.8",
  "accept-encoding": "gzip, br",
}

/** Answers like Next.js's pipeToNodeResponse: headers set, flushHeaders, then chunk by chunk. */
const streamed =
  (html: string, status = 200): Handler =>
  async (_req, res) => {
    res.statusCode = status
    res.setHeader("content-type", "text/html; charset=utf-8")
    res.setHeader("etag", '"abc"')
    res.setHeader("vary", "rsc, next-router-state-tree")
    res.flushHeaders()
    for (let i = 0; i < html.length; i += 300) {
      res.write(html.slice(i, i + 300))
      // As pipe-readable does after each chunk: the compression middleware's sync flush point.
      const flush = (res as { flush?: () => void }).flush
      if (typeof flush === "function") flush.call(res)
      await new Promise((r) => setImmediate(r))
    }
    res.end()
  }

describe("withoutScripts and isScriptFreeDocument", () => {
  it("removes every script element and script preload, and keeps the rest of the page", () => {
    const out = withoutScripts(page(true))
    expect(out).not.toMatch(/<script|as="script"/)
    expect(out).toContain(`<title>T</title>${MARK}</head><body><main><form method="post"`)
  })

  it("a document is script-free only with the mark outside its scripts, and no streamed boundary", () => {
    expect(isScriptFreeDocument(page(true))).toBe(true)
    // The payload's copy of the element is escaped JSON inside a script: not the mark.
    expect(isScriptFreeDocument(page(false))).toBe(false)
    expect(isScriptFreeDocument(page(true, `<template id="B:0"></template>`))).toBe(false)
    expect(isScriptFreeDocument(page(true, `<div hidden id="S:0">late</div>`))).toBe(false)
    expect(isScriptFreeDocument(page(true, `<template id="P:1"></template>`))).toBe(false)
    // A boundary the server could not render, for the browser's React to retry.
    expect(
      isScriptFreeDocument(page(true, `<!--$!--><template data-dgst="NEXT_REDIRECT"></template>`)),
    ).toBe(false)
  })

  it("a document may go without COOP only when it goes without scripts and its head says so", () => {
    expect(isOpenableDocument(openable(page(true)))).toBe(true)
    expect(isOpenableDocument(page(true))).toBe(false)
    // The mark alone, on a page that keeps its scripts, or only in the body: the header stays.
    expect(isOpenableDocument(page(false).replace("</head>", `${OPENABLE}</head>`))).toBe(false)
    expect(isOpenableDocument(openable(page(true, `<template id="B:0"></template>`)))).toBe(false)
    expect(isOpenableDocument(page(true, OPENABLE))).toBe(false)
  })

  it("only a browser's GET of a page is a document request", () => {
    const req = (method: string, url: string, headers: Record<string, string>) =>
      ({ method, url, headers }) as unknown as http.IncomingMessage
    expect(isDocumentRequest(req("GET", "/flows/device", NAVIGATION))).toBe(true)
    expect(isDocumentRequest(req("POST", "/flows/device/start", NAVIGATION))).toBe(false)
    expect(isDocumentRequest(req("HEAD", "/", NAVIGATION))).toBe(false)
    expect(isDocumentRequest(req("GET", "/_next/static/chunks/a.js", NAVIGATION))).toBe(false)
    expect(isDocumentRequest(req("GET", "/", { ...NAVIGATION, rsc: "1" }))).toBe(false)
    expect(isDocumentRequest(req("GET", "/inspector", { accept: "*/*" }))).toBe(true)
  })
})

describe("serveDocument", () => {
  it("sends a marked page without scripts, in the compression's gzip, with its exact length and no stale ETag", async () => {
    const url = await serve(streamed(page(true).repeat(8)))
    const r = await get(`${url}/flows/jwt-bearer`, NAVIGATION)
    expect(r.status).toBe(200)
    expect(r.headers["content-encoding"]).toBe("gzip")
    expect(Number(r.headers["content-length"])).toBe(r.body.length)
    expect(r.headers["transfer-encoding"]).toBeUndefined()
    expect(r.headers.etag).toBeUndefined()
    expect(r.headers.vary).toMatch(/Accept-Encoding/i)
    const html = zlib.gunzipSync(r.body).toString("utf8")
    expect(html).not.toContain("<script")
    expect(html).toBe(withoutScripts(page(true).repeat(8)))
  })

  it("keeps the coding the compression chose: deflate for a client that asks only for it", async () => {
    const url = await serve(streamed(page(true).repeat(8)))
    const r = await get(`${url}/flows/jwt-bearer`, { accept: "*/*", "accept-encoding": "deflate" })
    expect(r.headers["content-encoding"]).toBe("deflate")
    expect(Number(r.headers["content-length"])).toBe(r.body.length)
    expect(zlib.inflateSync(r.body).toString("utf8")).toBe(withoutScripts(page(true).repeat(8)))
  })

  it("a client gone while its page is held: the rest is dropped, nothing throws, the server goes on", async () => {
    const errors: unknown[] = []
    let started!: () => void
    const inHandler = new Promise<void>((resolve) => (started = resolve))
    let finished!: () => void
    const handlerDone = new Promise<void>((resolve) => (finished = resolve))
    const url = await serve(async (req, res) => {
      if (req.url !== "/slow") return streamed(page(true).repeat(8))(req, res)
      try {
        res.setHeader("content-type", "text/html")
        res.write(page(true))
        const closed = new Promise((resolve) => res.once("close", resolve))
        started()
        await closed
        res.write(page(true))
        res.end()
      } catch (e) {
        errors.push(e)
      } finally {
        finished()
      }
    })
    const req = http.request(`${url}/slow`, { headers: NAVIGATION })
    req.on("error", () => {})
    req.end()
    await inHandler
    req.destroy()
    await handlerDone
    expect(errors).toEqual([])
    const next = await get(`${url}/flows/jwt-bearer`, NAVIGATION)
    expect(zlib.gunzipSync(next.body).toString("utf8")).toBe(withoutScripts(page(true).repeat(8)))
  })

  it.each([["gzip"], ["identity"]])(
    "an unmarked page streams (%s): its head reaches the browser while the page is still rendering",
    async (coding) => {
      let headArrived!: () => void
      const arrived = new Promise<void>((resolve) => (headArrived = resolve))
      const url = await serve(async (_req, res) => {
        res.setHeader("content-type", "text/html")
        res.flushHeaders()
        res.write(`<!DOCTYPE html><html><head><title>T</title></head><body>`)
        ;(res as { flush?: () => void }).flush?.()
        // Held whole, the page would wait here for ever: the browser has nothing yet.
        await arrived
        res.end(`<main>late</main>${page(false)}</body></html>`)
      })
      const body = await new Promise<Buffer>((resolve, reject) => {
        const req = http.request(
          `${url}/inspector`,
          { headers: { accept: "text/html", "accept-encoding": coding } },
          (res) => {
            const chunks: Buffer[] = []
            res.on("data", (c: Buffer) => {
              chunks.push(c)
              headArrived()
            })
            res.on("end", () => resolve(Buffer.concat(chunks)))
          },
        )
        req.on("error", reject)
        req.end()
      })
      const html = (coding === "gzip" ? zlib.gunzipSync(body) : body).toString("utf8")
      expect(html).toContain("<main>late</main>")
      expect(html).toContain("<script") // unmarked: its scripts stay
    },
  )

  it("leaves out Cross-Origin-Opener-Policy only on a script-free page whose head says it may be opened", async () => {
    const withCoop =
      (html: string): Handler =>
      (req, res) => {
        res.setHeader("cross-origin-opener-policy", "same-origin")
        return streamed(html)(req, res)
      }
    const url = await serve((req, res) => {
      const html = page(true).repeat(8)
      if (req.url === "/open") return withCoop(openable(html))(req, res)
      if (req.url === "/marked") return withCoop(html)(req, res)
      if (req.url === "/streamed")
        return withCoop(openable(page(true, `<template id="B:0"></template>`)).repeat(8))(req, res)
      return withCoop(page(false).replace("</head>", `${OPENABLE}</head>`).repeat(8))(req, res)
    })
    const open = await get(`${url}/open`, NAVIGATION)
    expect(open.headers["cross-origin-opener-policy"]).toBeUndefined()
    expect(zlib.gunzipSync(open.body).toString("utf8")).not.toContain("<script")
    for (const p of ["/marked", "/streamed", "/unmarked"])
      expect((await get(`${url}${p}`, NAVIGATION)).headers["cross-origin-opener-policy"], p).toBe(
        "same-origin",
      )
  })

  it("sends an unmarked page exactly as written, scripts and ETag included", async () => {
    const html = page(false).repeat(8)
    const url = await serve(streamed(html))
    const r = await get(`${url}/inspector`, NAVIGATION)
    expect(r.headers["content-encoding"]).toBe("gzip")
    expect(zlib.gunzipSync(r.body).toString("utf8")).toBe(html)
    expect(r.headers.etag).toBe('"abc"')
  })

  it("strips a marked page answered with writeHead and one end, uncompressed for a client that refuses gzip", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(404, "Not Found", { "content-type": "text/html", "x-a": "1" })
      res.end(page(true).repeat(8))
    })
    const r = await get(`${url}/nope`, { accept: "*/*", "accept-encoding": "gzip;q=0" })
    expect(r.status).toBe(404)
    expect(r.headers["x-a"]).toBe("1")
    expect(r.headers["content-encoding"]).toBeUndefined()
    expect(r.body.toString("utf8")).toBe(withoutScripts(page(true).repeat(8)))
    expect(Number(r.headers["content-length"])).toBe(r.body.length)
  })

  it("passes a redirect and a download through as written", async () => {
    const url = await serve((req, res) => {
      if (req.url === "/go") {
        res.writeHead(303, { location: "/inspector" })
        res.end()
        return
      }
      res.setHeader("content-type", "application/zip")
      res.write(Buffer.from([1, 2, 3]))
      res.end(Buffer.from([4]))
    })
    const go = await get(`${url}/go`, NAVIGATION)
    expect(go.status).toBe(303)
    expect(go.headers.location).toBe("/inspector")
    const zip = await get(`${url}/setup/eca/metadata.zip`, NAVIGATION)
    expect([...zip.body]).toEqual([1, 2, 3, 4])
  })

  it("leaves Next.js's own requests alone: an RSC payload keeps everything", async () => {
    const url = await serve((_req, res) => {
      res.setHeader("content-type", "text/html")
      res.end(page(true))
    })
    const r = await get(`${url}/flows/jwt-bearer`, {
      ...NAVIGATION,
      "accept-encoding": "identity",
      rsc: "1",
    })
    expect(r.body.toString("utf8")).toBe(page(true))
  })

  it("an answer that is not what its Content-Encoding says is sent as written, never a crash", async () => {
    const url = await serve((_req, res) => {
      res.setHeader("content-type", "text/html")
      res.setHeader("content-encoding", "gzip")
      res.end(page(true))
    })
    const r = await get(`${url}/flows/jwt-bearer`, { accept: "*/*", "accept-encoding": "identity" })
    expect(r.status).toBe(200)
    expect(r.body.toString("utf8")).toBe(page(true))
  })
})
