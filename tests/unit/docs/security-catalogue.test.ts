import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * Keeps docs/security.md honest: its case table lists every P0/P1 client case and every server case
 * of the project's security test catalogue (it lives outside the repository, so its ids are copied here), and
 * every row names test files whose test titles carry that id, or says why it does not apply.
 */
const ROOT = path.resolve(__dirname, "../../..")
const DOC = fs.readFileSync(path.join(ROOT, "docs/security.md"), "utf8")

/** The catalogue's client cases: every one is P0 or P1 (none is P2). */
// prettier-ignore
const CLIENT: Record<string, "P0" | "P1"> = {
  "C-01": "P0", "C-02": "P0", "C-03": "P0", "C-04": "P0", "C-05": "P0", "C-06": "P1", "C-07": "P1", "C-08": "P0", "C-09": "P0", "C-10": "P1",
  "C-11": "P1", "C-12": "P0", "C-13": "P0", "C-14": "P1", "C-15": "P0", "C-16": "P0", "C-17": "P0", "C-18": "P1", "C-19": "P1", "C-20": "P0",
  "C-21": "P0", "C-22": "P0", "C-23": "P0", "C-24": "P0", "C-25": "P0", "C-26": "P0", "C-27": "P0", "C-28": "P1", "C-29": "P0", "C-30": "P0",
  "C-31": "P0", "C-32": "P1", "C-33": "P0", "C-34": "P1", "C-35": "P0", "C-36": "P0", "C-37": "P0", "C-38": "P1", "C-39": "P0", "C-40": "P0",
  "C-41": "P0", "C-42": "P0", "C-43": "P1", "C-44": "P1", "C-45": "P1", "C-46": "P1", "C-47": "P0", "C-48": "P1", "C-49": "P1", "C-50": "P0",
  "C-51": "P0", "C-52": "P0", "C-53": "P0", "C-54": "P0", "C-55": "P1", "C-56": "P0", "C-57": "P0", "C-58": "P0", "C-59": "P0", "C-60": "P1",
  "C-61": "P0", "C-62": "P1", "C-63": "P1", "C-64": "P0", "C-65": "P1", "C-66": "P0", "C-67": "P0", "C-68": "P0", "C-69": "P1", "C-70": "P0",
  "C-71": "P0", "C-72": "P1", "C-73": "P1",
  // Added by this project after the catalogue's C-73 (issue 13: security, round two).
  "C-74": "P0", "C-75": "P0", "C-76": "P1", "C-77": "P1", "C-78": "P0", "C-79": "P1", "C-80": "P0", "C-81": "P0",
  // Issue 14: the Client Credentials and Username-Password flows.
  "C-120": "P0", "C-121": "P0",
  // Added by this project (issue 14: the Device flow).
  "C-130": "P1", "C-131": "P0", "C-132": "P0",
  // Issue 14 item 3: the Web Server flow's client authentication.
  "C-140": "P0", "C-141": "P0", "C-142": "P1", "C-143": "P1",
  // Issue 14 item 4: refresh-token reuse detection from the inspector.
  "C-144": "P1",
  // Issue 15 items 3 and 4: External Client App metadata.
  "C-160": "P0", "C-161": "P1",
  // Issue 15: /diagnose and the org's control endpoint.
  "C-150": "P0", "C-151": "P0",
  // Issue 16 item 1: the SAML Bearer flow.
  "C-170": "P0", "C-171": "P0", "C-172": "P1",
  // Issue 16 item 3: the Asset Token flow.
  "C-190": "P0", "C-191": "P1", "C-192": "P1",
  // Issue 16: the Token Exchange flow.
  "C-180": "P0",
}

/** The catalogue's server cases (no priority). */
// prettier-ignore
const SERVER = [
  "S-01", "S-02", "S-03", "S-04", "S-05", "S-06", "S-07", "S-08", "S-09", "S-10", "S-11", "S-12", "S-13", "S-14", "S-15",
  "S-20", "S-21", "S-22", "S-23", "S-24", "S-25", "S-26", "S-27", "S-28", "S-29", "S-30", "S-31", "S-32", "S-33", "S-34", "S-35",
  "S-40", "S-41", "S-42", "S-43", "S-44", "S-45", "S-46",
  "S-50", "S-51", "S-52", "S-53", "S-54", "S-55", "S-56", "S-57", "S-58", "S-59", "S-60", "S-61", "S-62", "S-63", "S-64", "S-65",
  "S-70", "S-71", "S-72", "S-73", "S-74", "S-75", "S-80", "S-81", "S-82", "S-83", "S-84", "S-85", "S-86", "S-87", "S-88", "S-89",
  "S-90", "S-91", "S-92", "S-93", "S-94", "S-95",
  // Added by this project (issue 12: any Salesforce client).
  "S-200", "S-201",
  // Issue 14: the Client Credentials and password grants.
  "S-210", "S-211", "S-212",
  // Added by this project (issue 14: the Device flow).
  "S-220", "S-221",
  // Issue 14 item 3: client assertions and public clients.
  "S-230", "S-231", "S-232", "S-233", "S-234",
  // Issue 15 item 1: the org's access policies.
  "S-240", "S-241",
  // Issue 15 item 3: the org imports External Client App zips.
  "S-260", "S-261", "S-262", "S-263", "S-264",
  // Issue 15: /diagnose.
  "S-250", "S-251", "S-252",
  // Issue 16 item 1: the SAML Bearer grant.
  "S-270", "S-271", "S-272", "S-273", "S-274", "S-275", "S-276",
  // Issue 16 item 3: the asset token grant.
  "S-290", "S-291", "S-292", "S-293",
  // Issue 16: the Token Exchange flow and its identity provider.
  "S-280", "S-281", "S-283",
]

interface Row {
  id: string
  priority: string
  cases: string
  coverage: string
}

const rows: Row[] = DOC.split("\n")
  .filter((l) => /^\| [CS]-\d{2,3} \|/.test(l))
  .map((l) => {
    const [id, priority, cases, coverage] = l
      .split(" | ")
      .map((c) => c.replace(/^\|\s*|\s*\|$/g, "").trim())
    return { id: id!, priority: priority!, cases: cases!, coverage: coverage! }
  })

/**
 * The titles a test file declares: the first argument of `it(`, `test(` and `describe(`, and the
 * leading strings of case tables whose entries become titles (`["C-35 signed by another key", …]`).
 */
function titles(file: string): string[] {
  const src = fs.readFileSync(path.join(ROOT, file), "utf8")
  const out: string[] = []
  for (const m of src.matchAll(
    /\b(?:it|test|describe)(?:\.\w+)?\(\s*(["'`])((?:\\.|(?!\1)[\s\S])*)\1/g,
  ))
    out.push(m[2]!)
  for (const m of src.matchAll(/\[\s*(["'`])((?:[CS]-\d{2,3} )+[^"'`]*)\1\s*,/g)) out.push(m[2]!)
  return out
}

describe("docs/security.md", () => {
  it("has one row per catalogue id: every P0/P1 client case with its priority, and every server case", () => {
    const ids = rows.map((r) => r.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.filter((id) => id.startsWith("C-")).sort()).toEqual(Object.keys(CLIENT).sort())
    expect(ids.filter((id) => id.startsWith("S-")).sort()).toEqual([...SERVER].sort())
    for (const r of rows) expect(r.priority, r.id).toBe(r.id.startsWith("C-") ? CLIENT[r.id] : "—")
    for (const r of rows) expect(r.cases.length, r.id).toBeGreaterThan(3)
  })

  it("names, for every row, test files whose titles carry the id, or a reason it does not apply", () => {
    const problems: string[] = []
    for (const r of rows) {
      const files = [...r.coverage.matchAll(/`(tests\/[^`]+\.(?:ts|tsx))`/g)].map((m) => m[1]!)
      if (!files.length) {
        if (!/^(N\/A|Open): \S.{20,}/.test(r.coverage))
          problems.push(`${r.id}: neither a test file nor an "N/A:" or "Open:" reason`)
        continue
      }
      for (const f of files) {
        if (!fs.existsSync(path.join(ROOT, f))) problems.push(`${r.id}: ${f} does not exist`)
        else if (!titles(f).some((t) => new RegExp(`\\b${r.id}\\b`).test(t)))
          problems.push(`${r.id}: no test title in ${f} carries the id`)
      }
    }
    expect(problems).toEqual([])
  })
})
