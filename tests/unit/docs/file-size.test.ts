import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * One concern per file: a source file past 200 lines is split, or says at its top, in one line
 * starting `// Over 200 lines:`, why it is not (a data table, one suite per endpoint…). The line may
 * follow a `"use client"` directive or a shebang.
 */
const ROOT = path.resolve(__dirname, "../../..")
const LIMIT = 200
const SOURCE = /\.(ts|tsx|mts|mjs|js)$/
const SKIP = new Set([
  "node_modules",
  ".next",
  ".data",
  ".git",
  "test-results",
  "playwright-report",
  "reports",
])

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (SKIP.has(e.name)) return []
    const full = path.join(dir, e.name)
    if (e.isDirectory()) return sourceFiles(full)
    return SOURCE.test(e.name) && !e.name.endsWith(".d.ts") ? [full] : []
  })
}

/** Undefined when the file is within the limit or gives its reason; otherwise its line count. */
export function oversize(text: string): number | undefined {
  const lines = text.replace(/\n$/, "").split("\n")
  if (lines.length <= LIMIT) return undefined
  const head = lines
    .slice(0, 3)
    .filter((l) => l.trim() !== "" && !/^("use client"|'use client'|#!)/.test(l.trim()))
  return /^\/\/ Over 200 lines: \S/.test(head[0] ?? "") ? undefined : lines.length
}

describe("source file size", () => {
  const files = ["app", "lib", "tests", "scripts", "bench"].flatMap((d) =>
    sourceFiles(path.join(ROOT, d)),
  )

  it("sees the whole tree", () => {
    expect(files.length).toBeGreaterThan(150)
  })

  it("flags a long file without a reason, and accepts one with it", () => {
    const body = Array.from({ length: LIMIT + 1 }, (_, i) => `export const x${i} = ${i}`).join("\n")
    expect(oversize(body)).toBe(LIMIT + 1)
    expect(oversize(`// Over 200 lines: a data table\n${body}`)).toBeUndefined()
    expect(oversize(`"use client"\n\n// Over 200 lines: one component\n${body}`)).toBeUndefined()
    expect(oversize(`// Over 200 lines:\n${body}`)).toBe(LIMIT + 2)
  })

  it(`keeps every source file within ${LIMIT} lines, or says why at its top`, () => {
    const over = files
      .map((f) => ({ file: path.relative(ROOT, f), lines: oversize(fs.readFileSync(f, "utf8")) }))
      .filter((f) => f.lines !== undefined)
    expect(over).toEqual([])
  })
})
