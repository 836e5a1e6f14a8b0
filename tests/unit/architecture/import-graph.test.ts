import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Keeps the architecture the README describes: no import cycles between the files of lib/ and app/,
 * and no import that runs back up the layers
 * `app/` → `lib/setup`, `lib/explain`, `lib/inspector` → `lib/flows` → `lib/org` →
 * `lib/auth`, `lib/transcript`, `lib/emulator` → `lib/salesforce`, `lib/config`, `lib/http`,
 * `lib/sqlite`, `lib/site-urls.ts`. Modules of one layer may import each other, but not in a circle.
 */
const ROOT = path.resolve(__dirname, "../../..")

/** Higher layers may import lower ones, never the other way round. */
const LAYERS: Record<string, number> = {
  app: 5,
  "lib/setup": 4,
  "lib/explain": 4,
  "lib/diagnose": 4,
  "lib/inspector": 4,
  "lib/flows": 3,
  // The org connection holds the emulated org and records transcripts: just above both, below the flows.
  "lib/org": 2,
  "lib/auth": 1,
  "lib/transcript": 1,
  "lib/emulator": 1,
  "lib/idp": 1,
  "lib/salesforce": 0,
  "lib/config": 0,
  "lib/http": 0,
  "lib/sqlite": 0,
  "lib/site-urls.ts": 0,
}

/** Every .ts/.tsx file under `dir`, relative to the root, with forward slashes. */
function sourceFiles(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`
    if (e.isDirectory()) return sourceFiles(rel)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [rel] : []
  })
}

const SPECIFIER =
  /\b(?:import|export)\s+(?:type\s+)?(?:[\w*${}\s,]+?\s+from\s+)?["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g

/** The project files `file` imports: "@/…" and relative specifiers, resolved; packages are left out. */
function importsOf(file: string, known: Set<string>): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), "utf8")
  const out = new Set<string>()
  for (const m of text.matchAll(SPECIFIER)) {
    const spec = m[1] ?? m[2]!
    let base: string
    if (spec.startsWith("@/")) base = spec.slice(2)
    else if (spec.startsWith("."))
      base = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec))
    else continue
    const target = [
      base,
      `${base}.ts`,
      `${base}.tsx`,
      `${base}/index.ts`,
      `${base}/index.tsx`,
    ].find((c) => known.has(c))
    if (target) out.add(target)
  }
  return [...out]
}

/** The layer module a file belongs to (`lib/flows`, `app`, …), or undefined outside the layering. */
function moduleOf(file: string): string | undefined {
  if (file.startsWith("app/")) return "app"
  const parts = file.split("/")
  const name = parts.length === 2 ? file : `${parts[0]}/${parts[1]}`
  return name in LAYERS ? name : undefined
}

/** The cycles of a directed graph, one per strongly connected component, each as a path a → … → a. */
function cycles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  let next = 0
  const visit = (v: string) => {
    index.set(v, next)
    low.set(v, next++)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const component: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      component.push(w)
    } while (w !== v)
    const self = (graph.get(v) ?? []).includes(v)
    if (component.length > 1 || self) found.push(pathThrough(graph, new Set(component), v))
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return found
}

/** One concrete cycle inside a strongly connected component, from `start` back to it (breadth first). */
function pathThrough(
  graph: Map<string, string[]>,
  component: Set<string>,
  start: string,
): string[] {
  const from = new Map<string, string>()
  const queue = [start]
  while (queue.length) {
    const v = queue.shift()!
    for (const w of graph.get(v) ?? []) {
      if (!component.has(w)) continue
      if (w === start) {
        const route = [v]
        while (route[0] !== start) route.unshift(from.get(route[0]!)!)
        return [...route, start]
      }
      if (!from.has(w)) {
        from.set(w, v)
        queue.push(w)
      }
    }
  }
  return [start]
}

const FILES = [...sourceFiles("lib"), ...sourceFiles("app")].sort()
const KNOWN = new Set(FILES)
const GRAPH = new Map(FILES.map((f) => [f, importsOf(f, KNOWN)]))

describe("import graph of lib/ and app/", () => {
  it("reads the imports it checks", () => {
    // A parser that found nothing would pass every check below.
    expect(FILES.length).toBeGreaterThan(100)
    const edges = [...GRAPH.values()].flat()
    expect(edges.length).toBeGreaterThan(300)
    // Both kinds of specifier resolve: "@/lib/…" across modules, "./…" and "../…" inside one.
    expect([...GRAPH].some(([f, is]) => is.some((i) => moduleOf(i) !== moduleOf(f)))).toBe(true)
    expect(GRAPH.get("lib/emulator/rest/query-endpoint.ts")).toContain("lib/emulator/rest/soql.ts")
    expect(FILES.filter((f) => !moduleOf(f))).toEqual([])
  })

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ])
    expect(cycles(graph)).toEqual([["a", "b", "c", "a"]])
    expect(
      cycles(
        new Map([
          ["a", ["b"]],
          ["b", []],
        ]),
      ),
    ).toEqual([])
  })

  it("has no import cycle between files", () => {
    expect(cycles(GRAPH).map((c) => c.join(" → "))).toEqual([])
  })

  it("has no import cycle between modules (lib/<dir>, app)", () => {
    const modules = new Map<string, Set<string>>()
    for (const [file, imports] of GRAPH) {
      const from = moduleOf(file)!
      const targets = modules.get(from) ?? new Set<string>()
      for (const i of imports) if (moduleOf(i) !== from) targets.add(moduleOf(i)!)
      modules.set(from, targets)
    }
    const graph = new Map([...modules].map(([m, t]) => [m, [...t].sort()]))
    expect(cycles(graph).map((c) => c.join(" → "))).toEqual([])
  })

  it("has no import from a lower layer into a higher one", () => {
    const upward: string[] = []
    for (const [file, imports] of GRAPH) {
      for (const target of imports) {
        const from = moduleOf(file)!
        const to = moduleOf(target)!
        if (LAYERS[to]! > LAYERS[from]!) upward.push(`${file} (${from}) imports ${target} (${to})`)
      }
    }
    expect(upward).toEqual([])
  })
})
