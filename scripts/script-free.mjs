// Pages sent without Next.js's scripts. Most of the site's pages are server components whose only
// interactive parts are plain HTML forms and links: they work with JavaScript off, and the runtime
// Next.js adds to every App Router page (React, the router, the hydration of the whole tree) costs
// them their Lighthouse mobile score on a mid-tier phone while doing nothing for them
// (bench/lighthouse-mobile.md). Next.js has no switch to leave it out (vercel/next.js#45009), so
// the site's server (scripts/site-server.mjs) holds each HTML document it sends, and when the page
// rendered the mark of app/_components/script-free.tsx, removes the scripts before sending it.
// A page renders the mark only when it renders no client component of its own; the import-graph
// test in tests/unit/app/script-free-pages.test.ts keeps that true.
import zlib from "node:zlib"
import {
  OPENABLE_META_CONTENT,
  OPENABLE_META_NAME,
  SCRIPT_FREE_META_CONTENT,
  SCRIPT_FREE_META_NAME,
} from "./script-free-marker.mjs"

// React writes the element exactly so (attributes in the order the component passes them). Text
// and attribute values are escaped, so no content of the page can spell it out.
const MARK = `<meta name="${SCRIPT_FREE_META_NAME}" content="${SCRIPT_FREE_META_CONTENT}"/>`
const OPENABLE_MARK = `<meta name="${OPENABLE_META_NAME}" content="${OPENABLE_META_CONTENT}"/>`
// A document that needs React in the browser to finish keeps its scripts, whatever it asks: content
// streamed after the shell (a Suspense boundary's <template id="B:…"> and its hidden <div id="S:…">,
// a postponed hole <template id="P:…">), and a boundary the server gave up on, which the browser is
// to render (<!--$!--> with its error digest, data-dgst: also how redirect() and notFound() inside
// a boundary arrive).
const STREAMED_BOUNDARY = /<template id="[BP]:|<div hidden id="S:|<!--\$!-->|\bdata-dgst=/

/** Whether this rendered document asked to go without scripts, and can. */
export function isScriptFreeDocument(html) {
  return html.includes(MARK) && !STREAMED_BOUNDARY.test(html)
}

/**
 * Whether this rendered document may go without Cross-Origin-Opener-Policy: a script-free page
 * whose <head> says it shows nothing of anyone's flow (app/_components/script-free.tsx). A page
 * that keeps its scripts keeps the header, whatever it says.
 */
export function isOpenableDocument(html) {
  const headEnd = html.indexOf("</head>")
  return (
    isScriptFreeDocument(html) && headEnd !== -1 && html.slice(0, headEnd).includes(OPENABLE_MARK)
  )
}

/**
 * The document without its scripts: script elements, and the preloads of scripts. The input is
 * Next.js's own server-rendered HTML, whose inline scripts never contain "</script>" (the RSC
 * payload escapes "<"), so a pattern is exact here; it is not a parser for anyone's HTML.
 */
export function withoutScripts(html) {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "")
    .replace(/<link\b[^>]*\b(?:as="script"|rel="modulepreload")[^>]*>/gi, "")
}

/**
 * A request whose answer can be a page: a GET outside /_next/ (static files) that is not one of
 * Next.js's own client requests (RSC payloads and prefetches send `RSC: 1`).
 */
export function isDocumentRequest(req) {
  return (
    req.method === "GET" && !(req.url ?? "/").startsWith("/_next/") && req.headers.rsc === undefined
  )
}

// The codings Next.js's compression middleware may apply (next/dist/compiled/compression, which
// its router server runs on every request): [decode, encode, decode what has come so far]. The
// middleware flushes after every chunk Next.js writes, so a prefix decodes up to its last flush.
const SYNC = { finishFlush: zlib.constants.Z_SYNC_FLUSH }
const CODECS = {
  identity: [(b) => b, (b) => b, (b) => b],
  gzip: [zlib.gunzipSync, zlib.gzipSync, (b) => zlib.gunzipSync(b, SYNC)],
  deflate: [zlib.inflateSync, zlib.deflateSync, (b) => zlib.inflateSync(b, SYNC)],
  br: [
    zlib.brotliDecompressSync,
    zlib.brotliCompressSync,
    (b) => zlib.brotliDecompressSync(b, { finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH }),
  ],
}
// A page's <head> ends well before this; an answer with none by then is not one of ours to strip.
const HEAD_LIMIT = 64 * 1024

/**
 * Runs `handle` (Next.js's request handler) for one request. The HTML answer to a page request is
 * held until its <head> is complete: a page without the mark there is then sent on as Next.js
 * streams it. A marked page is held whole and sent stripped, in the same content coding, with its
 * new length and without the ETag Next.js computed for the page with scripts (and, when it says it
 * shows nothing of anyone's flow, without Cross-Origin-Opener-Policy). Every other answer is sent
 * exactly as Next.js writes it.
 */
export function serveDocument(req, res, handle) {
  if (!isDocumentRequest(req)) return handle(req, res)
  const codec = () => {
    const coding = String(res.getHeader("content-encoding") ?? "identity").toLowerCase()
    return Object.hasOwn(CODECS, coding) ? CODECS[coding] : undefined
  }
  const decoded = (body, whole) => {
    try {
      return codec()?.[whole ? 0 : 2](body).toString("utf8")
    } catch {
      return undefined // Not what its Content-Encoding says: send it as Next.js wrote it.
    }
  }
  holdHtml(res, {
    release(held) {
      const html = decoded(held, false)
      if (html === undefined) return true
      const headEnd = html.indexOf("</head>")
      if (headEnd === -1) return held.length > HEAD_LIMIT
      return !html.slice(0, headEnd).includes(MARK)
    },
    finish(body) {
      const html = decoded(body, true)
      if (html === undefined || !isScriptFreeDocument(html)) return body
      const out = codec()[1](Buffer.from(withoutScripts(html)))
      res.removeHeader("etag")
      res.removeHeader("transfer-encoding")
      if (isOpenableDocument(html)) res.removeHeader("cross-origin-opener-policy")
      res.setHeader("content-length", out.length)
      return out
    },
  })
  return handle(req, res)
}

/**
 * Holds what is written to `res` when its answer is HTML, until `release(heldSoFar)` says to let it
 * through, or to the end, where `finish(body)` is sent in its place; anything else goes straight
 * through. The same methods the compression middleware (which Next.js runs inside) wraps: nothing
 * held reaches the socket early.
 */
function holdHtml(res, { release, finish }) {
  const real = {
    writeHead: res.writeHead,
    write: res.write,
    end: res.end,
    flushHeaders: res.flushHeaders,
  }
  const chunks = []
  let mode
  const decide = () =>
    (mode ??= /^text\/html\b/i.test(String(res.getHeader("content-type") ?? "")) ? "hold" : "pass")

  res.writeHead = function writeHead(status, ...rest) {
    if (mode === "pass") return real.writeHead.call(this, status, ...rest)
    this.statusCode = status
    if (typeof rest[0] === "string") this.statusMessage = rest.shift()
    const headers = rest[0]
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) this.appendHeader(headers[i], headers[i + 1])
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) this.setHeader(name, value)
    }
    if (decide() === "pass") return real.writeHead.call(this, this.statusCode)
    return this
  }
  res.flushHeaders = function flushHeaders() {
    if (decide() === "pass") return real.flushHeaders.call(this)
  }
  res.write = function write(chunk, encoding, callback) {
    if (decide() === "pass") return real.write.apply(this, arguments)
    const cb = typeof encoding === "function" ? encoding : callback
    chunks.push(toBuffer(chunk, typeof encoding === "string" ? encoding : undefined))
    const held = Buffer.concat(chunks.splice(0))
    if (release(held)) {
      // Not a page to strip: what was held goes out now, and the rest as it comes, with the
      // socket's backpressure.
      mode = "pass"
      return real.write.call(this, held, cb)
    }
    chunks.push(held)
    if (cb) process.nextTick(cb)
    return true
  }
  res.end = function end(chunk, encoding, callback) {
    if (decide() === "pass") return real.end.apply(this, arguments)
    const cb = [chunk, encoding, callback].find((a) => typeof a === "function")
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function")
      chunks.push(toBuffer(chunk, typeof encoding === "string" ? encoding : undefined))
    const body = finish(Buffer.concat(chunks))
    // From here on every call goes through: the real end writes the head (through whatever wraps
    // writeHead above us) and the body.
    mode = "pass"
    return real.end.call(this, body, cb)
  }
}

function toBuffer(chunk, encoding) {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, encoding)
}
