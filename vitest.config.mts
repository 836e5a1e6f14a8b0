import fs from "node:fs"
import path from "node:path"
import { defineConfig } from "vitest/config"

const ROOTS = ["tests/unit", "tests/integration"]

function testFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory()
        ? testFiles(path.join(dir, e.name))
        : e.name.endsWith(".test.ts")
          ? [path.join(dir, e.name)]
          : [],
    )
}

/**
 * Files that need modules loaded afresh: they set environment variables the site's config reads
 * once, mock modules, or boot the site's route handlers (tests/_helpers/site-harness.ts), whose
 * config and stores are per process. Every other file only calls functions and in-process orgs it
 * creates itself, so it shares its worker's loaded modules with the files before it: loading jose,
 * zod and the org for each of ~80 files again was half of the suite's time (Vitest's guide,
 * "Improving Performance": `isolate: false`).
 */
const NEEDS_ISOLATION = /site-harness|vi\.(mock|doMock|stubEnv|resetModules)\(|process\.env/
const isolated = ROOTS.flatMap(testFiles)
  .filter((f) => NEEDS_ISOLATION.test(fs.readFileSync(f, "utf8")))
  .map((f) => f.split(path.sep).join("/"))

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "node",
    exclude: ["tests/e2e/**", "node_modules/**", ".next/**"],
    setupFiles: ["tests/_helpers/setup.ts"],
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine,
    // where many files spend their time waiting on child processes and sockets. Two keep both
    // cores busy (each file still runs its tests in order, with its own org and temp folder).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: "shared",
          include: ROOTS.map((r) => `${r}/**/*.test.ts`),
          exclude: [...isolated, "tests/e2e/**", "node_modules/**", ".next/**"],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: "isolated", include: isolated.length ? isolated : ["(none)"], isolate: true },
      },
    ],
  },
})
