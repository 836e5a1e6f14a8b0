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

/** Writes and builds the blank app in a temp folder; returns its folder (remove it when done). */
export async function buildBlankApp() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-blank-next-"))
  for (const [file, text] of Object.entries(FILES)) {
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
