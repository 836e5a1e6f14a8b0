import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Keeps docs/fidelity.md honest: every row has a unique F-id, a source that is a public URL or says
 * "unverified", and names test files that exist and declare a test whose title carries the row's id.
 */
const ROOT = path.resolve(__dirname, "../../..")
const DOC = fs.readFileSync(path.join(ROOT, "docs/fidelity.md"), "utf8")

interface Row {
  id: string
  endpoint: string
  salesforce: string
  source: string
  org: string
  test: string
}

const rows: Row[] = DOC.split("\n")
  .filter((l) => /^\| F-\d{2,3} \|/.test(l))
  .map((l) => {
    const cells = l
      .replace(/^\|\s*|\s*\|$/g, "")
      .split(" | ")
      .map((c) => c.trim())
    const [id, endpoint, salesforce, source, org, test] = cells
    return {
      id: id!,
      endpoint: endpoint ?? "",
      salesforce: salesforce ?? "",
      source: source ?? "",
      org: org ?? "",
      test: test ?? "",
    }
  })

/** The titles a test file declares: the first argument of `it(`, `test(` and `describe(`. */
function titles(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), "utf8")
  return [
    ...src.matchAll(/\b(?:it|test|describe)(?:\.\w+)?\(\s*(["'`])((?:\\.|(?!\1)[\s\S])*)\1/g),
  ].map((m) => m[2]!)
}

const testFiles = (cell: string) =>
  [...cell.matchAll(/`(tests\/[^`]+\.test\.ts)`/g)].map((m) => m[1]!)

describe("docs/fidelity.md", () => {
  it("has rows, each with six cells", () => {
    expect(rows.length).toBeGreaterThan(40)
    for (const r of rows) {
      for (const [name, cell] of Object.entries(r)) expect(cell, `${r.id} ${name}`).not.toBe("")
    }
  })

  it("never repeats an F-id", () => {
    const ids = rows.map((r) => r.id)
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([])
  })

  it("gives every row a source that is public URLs or says unverified", () => {
    for (const r of rows) {
      if (r.source === "unverified") continue
      const urls = r.source.split(/,\s+/)
      for (const u of urls) expect(u, r.id).toMatch(/^https:\/\/[^\s|]+$/)
    }
  })

  it("names, for every row, existing test files with a test whose title carries the row's id", () => {
    for (const r of rows) {
      const files = testFiles(r.test)
      expect(files.length, r.id).toBeGreaterThan(0)
      for (const file of files) {
        expect(fs.existsSync(path.join(ROOT, file)), `${r.id}: ${file}`).toBe(true)
        const carrying = titles(file).filter((t) => new RegExp(`(^|\\s)${r.id}(\\s|$)`).test(t))
        expect(carrying.length, `${r.id}: no test title in ${file} carries the id`).toBeGreaterThan(
          0,
        )
      }
    }
  })

  it("has a section on the deliberate differences", () => {
    expect(DOC).toMatch(/^## Deliberate differences$/m)
    expect(DOC).toContain("No JSONP on revoke")
    expect(DOC).toContain("code_challenge_methods_supported")
  })
})
