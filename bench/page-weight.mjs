// First-load JavaScript of a page, as a browser gets it: fetch the HTML, then every script it loads.
// External scripts (`<script src>`) and inline ones (Next's RSC payload and bootstrap) are each
// gzipped and summed; the HTML itself and CSS are not JavaScript and are left out.
import zlib from "node:zlib"

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi
const SRC = /\bsrc=(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i

const gzipBytes = (data) => zlib.gzipSync(data, { level: 9 }).length

/** `{ status, external, inline, total, scripts }` for `pagePath` on `baseUrl`, gzip bytes. */
export async function firstLoadJs(baseUrl, pagePath, { headers = {} } = {}) {
  const page = new URL(pagePath, baseUrl)
  const res = await fetch(page, { headers, redirect: "manual" })
  const html = await res.text()
  if (res.status !== 200)
    throw new Error(`${pagePath} answered ${res.status}, not 200: cannot weigh it`)
  let external = 0
  let inline = 0
  let scripts = 0
  const seen = new Set()
  for (const [, attrs, body] of html.matchAll(SCRIPT)) {
    const m = SRC.exec(attrs)
    if (m) {
      const src = new URL((m[1] ?? m[2] ?? m[3]).replaceAll("&amp;", "&"), page).href
      if (seen.has(src)) continue
      seen.add(src)
      const js = await fetch(src)
      if (!js.ok) throw new Error(`${pagePath}: script ${src} answered ${js.status}`)
      external += gzipBytes(Buffer.from(await js.arrayBuffer()))
      scripts++
    } else if (body.trim() && !/type=["']?application\/(ld\+)?json/i.test(attrs)) {
      inline += gzipBytes(body)
      scripts++
    }
  }
  return { status: res.status, external, inline, total: external + inline, scripts }
}

/** The pages the issue names, signed in where a user would be; the org's login page is plain HTML. */
export const PAGES = [
  { label: "/", path: "/" },
  { label: "/inspector (signed out)", path: "/inspector" },
  { label: "/inspector (signed in)", path: "/inspector", signedIn: true },
  { label: "/flows/web-server", path: "/flows/web-server" },
  { label: "/flows/user-agent", path: "/flows/user-agent" },
  { label: "/flows/jwt-bearer", path: "/flows/jwt-bearer" },
  { label: "/flows/device", path: "/flows/device" },
  { label: "/flows/client-credentials", path: "/flows/client-credentials" },
  { label: "/flows/username-password", path: "/flows/username-password" },
  { label: "/flows/saml-bearer", path: "/flows/saml-bearer" },
  { label: "/flows/token-exchange", path: "/flows/token-exchange" },
  { label: "/flows/asset-token", path: "/flows/asset-token" },
  { label: "/diagnose", path: "/diagnose" },
  { label: "/errors", path: "/errors" },
  { label: "/errors/<id> (an entry)", path: "/errors/user-hasnt-approved-this-consumer" },
  { label: "/setup", path: "/setup" },
  { label: "/setup/keys", path: "/setup/keys" },
  { label: "the embedded org's /login", path: "/login", org: true },
]

/**
 * Weighs every page of `siteUrl` (and the embedded org's at `orgUrl`) and the blank app's page;
 * `cookie` signs the signed-in pages in.
 */
export async function benchPages(siteUrl, blankUrl, cookie, orgUrl) {
  const blank = await firstLoadJs(blankUrl, "/")
  const pages = []
  for (const page of PAGES) {
    pages.push({
      ...page,
      ...(await firstLoadJs(page.org ? orgUrl : siteUrl, page.path, {
        headers: page.signedIn ? { cookie } : {},
      })),
    })
  }
  return { blank, pages }
}
