import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Every citation a reader meets must be one they can open: a public page (Salesforce's help and
 * developer docs, an RFC section, OpenID or OWASP) or a document in this repository (docs/security.md
 * for the security case ids). The project's private notes live outside the repository, so naming
 * them sends the reader nowhere. The names are assembled here at run time, so this file does not
 * match itself.
 */
const ROOT = path.resolve(__dirname, "../../..")
const OUTSIDE = [
  ...[
    "salesforce-oauth",
    "security-tests",
    `salesforce-flows-${2026}`,
    "peers",
    "toolchain",
    ["house", "style"].join("-"),
  ].map((n) => `${n}.md`),
  ["shared", "reference"].join("/"),
]

const DIRS = ["app", "lib", "tests", "scripts", "bench", "docs", ".ci"]
const ROOT_FILES = [
  "proxy.ts",
  "README.md",
  "playwright.config.ts",
  "vitest.config.mts",
  "vitest.reliability.config.mts",
  "next.config.js",
  "eslint.config.mjs",
  "postcss.config.mjs",
  ".env.example",
]
const SKIP = new Set([
  "node_modules",
  ".next",
  ".data",
  "test-results",
  "playwright-report",
  "reports",
])

function walk(dir: string, out: string[]): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(entry.name)) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) walk(full, out)
    else if (entry.isFile()) out.push(full)
  }
}

function sourceFiles(): string[] {
  const out: string[] = []
  for (const d of DIRS) if (fs.existsSync(path.join(ROOT, d))) walk(path.join(ROOT, d), out)
  for (const f of ROOT_FILES) if (fs.existsSync(path.join(ROOT, f))) out.push(path.join(ROOT, f))
  return out
}

/** Each line of `text` that names a file outside the repository, as `line: text`. */
function outsideCitations(text: string): string[] {
  return text
    .split("\n")
    .flatMap((line, i) =>
      OUTSIDE.some((name) => line.includes(name)) ? [`${i + 1}: ${line.trim()}`] : [],
    )
}

describe("citations", () => {
  it("the scan recognises each outside name, however it is cited", () => {
    for (const name of OUTSIDE)
      expect(outsideCitations(`// see ${name} §4.1\nconst x = 1`)).toEqual([
        `1: // see ${name} §4.1`,
      ])
    expect(
      outsideCitations(
        "// https://www.rfc-editor.org/rfc/rfc6749#section-4.1.2.1; docs/security.md, C-53",
      ),
    ).toEqual([])
  })

  it("the scan reads the whole tree: code, tests, scripts and docs", () => {
    const files = sourceFiles().map((f) => path.relative(ROOT, f))
    expect(files.length).toBeGreaterThan(200)
    for (const f of [
      "lib/salesforce/verify.ts",
      "lib/emulator/oauth/grant-jwt-bearer.ts",
      "tests/unit/docs/citations.test.ts",
      "docs/security.md",
      "proxy.ts",
      "README.md",
    ])
      expect(files).toContain(f)
  })

  it("no source file, test or document cites a file that is not in the repository", () => {
    const found: string[] = []
    for (const file of sourceFiles()) {
      const buf = fs.readFileSync(file)
      if (buf.includes(0)) continue // binary (images)
      for (const hit of outsideCitations(buf.toString("utf8")))
        found.push(`${path.relative(ROOT, file)}:${hit}`)
    }
    expect(found).toEqual([])
  })
})
