// The page-weight baseline: a blank Next.js page (a root layout and an empty page) built with this
// repository's own `next`, in the same run and the same way as the site, so the ratio shows what the
// site adds over the framework, whatever the framework version costs.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { bin, root, run } from "../scripts/lib.mjs"

const FILES = {
  "package.json": JSON.stringify({ name: "lab-blank-baseline", private: true }),
  // node_modules is a symlink into the repository, outside the temp folder: Turbopack only resolves
  // files under its root, so the root is the filesystem's (the common ancestor of both folders).
  "next.config.js": `const root = ${JSON.stringify(path.parse(root).root)}\nmodule.exports = { turbopack: { root }, outputFileTracingRoot: root }\n`,
  "app/layout.jsx":
    'export default function RootLayout({ children }) {\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  )\n}\n',
  "app/page.jsx": "export default function Page() {\n  return <p>Blank</p>\n}\n",
}

/**
 * The same blank page served the way the site serves every page: rendered per request (the layout
 * awaits `connection()`), with the site's own response headers (next.config.js `headers()`, read
 * from the site's config, not copied) and a per-request nonce Content-Security-Policy built by the
 * site's own builder (lib/http/security-headers.ts), as proxy.ts does. What the site's pages score
 * below this baseline is what their content costs; what this baseline scores below the plain blank
 * page is what the serving costs. The largest part of that, measured: `Cross-Origin-Opener-Policy:
 * same-origin` makes Chrome put the page in a new browsing context group, so a fresh renderer
 * process loads it (HTML standard, "browsing context group switches due to cross-origin opener
 * policy"), where Lighthouse's plain blank page reuses the warm one its run started in.
 */
const siteServingFiles = (dir) => ({
  ...FILES,
  "next.config.js": `const root = ${JSON.stringify(path.parse(root).root)}\nconst site = require(${JSON.stringify(path.join(root, "next.config.js"))})\nmodule.exports = { turbopack: { root }, outputFileTracingRoot: root, poweredByHeader: false, headers: site.headers }\n`,
  "proxy.js": `import { NextResponse } from "next/server"\nimport { contentSecurityPolicy, newNonce } from ${JSON.stringify(path.relative(dir, path.join(root, "lib", "http", "security-headers.ts")))}\n\nexport function proxy(req) {\n  const csp = contentSecurityPolicy(newNonce(), { development: false, https: false })\n  const requestHeaders = new Headers(req.headers)\n  requestHeaders.set("content-security-policy", csp)\n  const res = NextResponse.next({ request: { headers: requestHeaders } })\n  res.headers.set("content-security-policy", csp)\n  return res\n}\n\nexport const config = { matcher: ["/((?!_next/static|_next/image).*)"] }\n`,
  "app/layout.jsx":
    'import { connection } from "next/server"\n\nexport default async function RootLayout({ children }) {\n  await connection()\n  return (\n    <html lang="en">\n      <body>{children}</body>\n    </html>\n  )\n}\n',
})

/**
 * Writes and builds the blank app in a temp folder; returns its folder (remove it when done).
 * `siteServing: true` builds the variant served like the site (siteServingFiles).
 */
export async function buildBlankApp({ siteServing = false } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-blank-next-"))
  for (const [file, text] of Object.entries(siteServing ? siteServingFiles(dir) : FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), text)
  }
  // The same installed packages as the site: no second install, and the very same Next and React.
  fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir")
  const code = await run(bin("next"), ["build"], {
    cwd: dir,
    stdio: ["ignore", "ignore", "inherit"],
  })
  if (code !== 0) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw new Error(`next build of the blank baseline app failed (exit ${code})`)
  }
  return dir
}
