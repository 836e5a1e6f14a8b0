// The pages sent without Next.js's scripts (app/_components/script-free.tsx, scripts/script-free.mjs)
// must not need them: a page that renders <ScriptFree /> may not import, at any depth, a module of
// this repository marked "use client", whose code would never run. And every page that renders no
// client component renders the mark, so that no page ships a runtime it does not use.
import fs from "node:fs"
import path from "node:path"
import ts from "typescript"
import { describe, expect, it } from "vitest"

const root = path.resolve(__dirname, "../../..")
const EXTENSIONS = ["", ".ts", ".tsx", ".mjs", ".js", "/index.ts", "/index.tsx"]

// Pages that render a client component in some states only, and the mark in the others. Each has
// a browser test of both states (tests/e2e/script-free.spec.ts).
const CONDITIONAL: Record<string, string> = {
  "app/flows/device/page.tsx":
    "DevicePoller renders only while a code waits; the mark only when none does",
}

// Next.js's own modules that load code in the browser: a page that imports one needs the runtime.
// Its other client components (next/link) render plain HTML that works without it.
const PACKAGES_NEEDING_RUNTIME = new Set(["next/script", "next/dynamic", "next/form"])

/** A file of this repository, a package that needs the runtime (by name), or nothing to follow. */
function resolveImport(from: string, spec: string): string | undefined {
  let base: string
  if (spec.startsWith("@/")) base = path.join(root, spec.slice(2))
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec)
  else return PACKAGES_NEEDING_RUNTIME.has(spec) ? spec : undefined
  for (const ext of EXTENSIONS) {
    const file = base + ext
    if (fs.existsSync(file) && fs.statSync(file).isFile()) return file
  }
  throw new Error(`${path.relative(root, from)}: cannot resolve ${spec}`)
}

function importsOf(file: string): string[] {
  // TypeScript's own scan of the file's import and export declarations (type-only ones included).
  const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true)
  return importedFiles
    .map(({ fileName }) => resolveImport(file, fileName))
    .filter((f): f is string => f !== undefined)
}

/** Whether the file's directive prologue says "use client" (read by TypeScript, comments and all). */
function isClientModule(file: string): boolean {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest)
  for (const statement of source.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break
    if (statement.expression.text === "use client") return true
  }
  return false
}

/** The client modules (and runtime-needing packages) a file reaches, with the chain to each. */
function clientModulesReached(entries: string[]): string[] {
  const seen = new Set<string>()
  const found: string[] = []
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    const here = [...chain, path.isAbsolute(file) ? path.relative(root, file) : file]
    if (!path.isAbsolute(file) || isClientModule(file)) {
      found.push(here.join(" → "))
      return
    }
    for (const next of importsOf(file)) visit(next, here)
  }
  for (const entry of entries) visit(entry, [])
  return found
}

/** The page and what Next.js renders around it: every layout.tsx and template.tsx above it. */
function renderedWith(page: string): string[] {
  const around: string[] = []
  for (let dir = path.dirname(page); ; dir = path.dirname(dir)) {
    for (const name of ["layout.tsx", "template.tsx"]) {
      const file = path.join(dir, name)
      if (fs.existsSync(file)) around.push(file)
    }
    if (dir === path.join(root, "app")) break
  }
  return [page, ...around]
}

function pages(dir = path.join(root, "app")): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return pages(full)
    return /^(page|not-found)\.tsx$/.test(entry.name) ? [full] : []
  })
}

const rendersMark = (file: string) =>
  /import \{ ScriptFree \} from "@\/app\/_components\/script-free"/.test(
    fs.readFileSync(file, "utf8"),
  ) && /<ScriptFree(?: openable(?:=\{[^}]*\})?)? \/>/.test(fs.readFileSync(file, "utf8"))

describe("pages sent without scripts", () => {
  const all = pages().map((file) => ({
    file,
    name: path.relative(root, file),
    clients: clientModulesReached(renderedWith(file)),
    marked: rendersMark(file),
  }))

  it("finds the site's pages and their client components", () => {
    // The walker must see what is there: the inspector's and the device page's client components.
    expect(all.length).toBeGreaterThanOrEqual(19)
    expect(all.find((p) => p.name === "app/inspector/page.tsx")?.clients.length).toBeGreaterThan(0)
    expect(all.find((p) => p.name === "app/flows/device/page.tsx")?.clients).toEqual([
      "app/flows/device/page.tsx → app/flows/device/device-poller.tsx",
    ])
  })

  it.each(all.map((p) => [p.name, p] as const))("%s", (name, page) => {
    if (page.marked && !(name in CONDITIONAL))
      expect(page.clients, `${name} renders <ScriptFree /> and imports a client component`).toEqual(
        [],
      )
    else if (!page.marked)
      expect(
        page.clients.length,
        `${name} renders no client component: render <ScriptFree /> so it is sent without scripts`,
      ).toBeGreaterThan(0)
  })

  it("the conditional pages are marked, and say why", () => {
    for (const name of Object.keys(CONDITIONAL))
      expect(all.find((p) => p.name === name)?.marked, name).toBe(true)
  })
})
