// Loads one of the site's TypeScript modules into this plain-Node process, so a benchmark measures
// the site's own code rather than a copy. Node 20 cannot run TypeScript, so Vite (already a dev
// dependency, for vitest) bundles the module and its relative imports into one ESM file; npm
// packages stay external and load from node_modules exactly as the site loads them.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { pathToFileURL } from "node:url"
import { build } from "vite"
import { root } from "../scripts/lib.mjs"

// `server-only` throws outside React's server environment; a benchmark is server-side by definition.
const stubServerOnly = {
  name: "lab-stub-server-only",
  enforce: "pre",
  resolveId: (id) => (id === "server-only" ? "\0server-only" : null),
  load: (id) => (id === "\0server-only" ? "export {}" : null),
}

/** Bundles `relPath` (relative to the repository) for Node and imports it. */
export async function importTs(relPath) {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-bench-ts-"))
  try {
    await build({
      configFile: false,
      root,
      logLevel: "silent",
      plugins: [stubServerOnly],
      resolve: { alias: [{ find: /^@\//, replacement: `${root}/` }] },
      build: {
        ssr: path.join(root, relPath),
        outDir,
        minify: false,
        emptyOutDir: false,
        rollupOptions: { output: { format: "es", entryFileNames: "module.mjs" } },
      },
    })
    // The bundle imports packages by name: resolve them from the repository, not from the temp dir.
    const bundled = path.join(
      root,
      "node_modules",
      ".cache",
      "lab-bench",
      `${path.basename(relPath, ".ts")}-${process.pid}.mjs`,
    )
    fs.mkdirSync(path.dirname(bundled), { recursive: true })
    fs.copyFileSync(path.join(outDir, "module.mjs"), bundled)
    try {
      return await import(pathToFileURL(bundled).href)
    } finally {
      fs.rmSync(bundled, { force: true })
    }
  } finally {
    fs.rmSync(outDir, { recursive: true, force: true })
  }
}
