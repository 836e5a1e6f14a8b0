import { describe, expect, it } from "vitest"
import { CATALOGUE } from "@/lib/explain/catalogue"
import type { CatalogueEntry } from "@/lib/explain/catalogue-types"
import { diagnose } from "@/lib/diagnose/diagnose"

/** A small seeded PRNG (mulberry32): the same cases on every run, many shapes per entry. */
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number
const pick = <T>(r: Rand, xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!
const NOISE = ["state", "foo", "utm_source", "sfdc_community_url", "code_verifier_hint", "x"]
const recase = (r: Rand, s: string) =>
  pick(r, [s, s.toUpperCase(), s.toLowerCase(), s.replace(/^./, (c) => c.toUpperCase())])
const junk = (r: Rand) =>
  Array.from({ length: 1 + Math.floor(r() * 12) }, () => pick(r, "abcXYZ019-._~".split(""))).join(
    "",
  )

/** The three forms a developer pastes, each with random extra parameters, casing and noise. */
function urlForm(r: Rand, e: CatalogueEntry): string {
  const q = new URLSearchParams()
  for (let i = 0; i < Math.floor(r() * 3); i++) q.set(pick(r, NOISE), junk(r))
  q.set("error", e.error)
  if (e.description) q.set("error_description", recase(r, e.description))
  if (r() < 0.5) q.set("state", junk(r))
  const base = pick(r, [
    "https://localhost:3000/flows/web-server/callback",
    "http://app.example/cb",
    "",
  ])
  return pick(r, ["?", "#"]) === "#" && base ? `${base}#${q}` : `${base}?${q}`
}

function jsonForm(r: Rand, e: CatalogueEntry): string {
  if (r() < 0.4 || /^[A-Z_]+$/.test(e.error))
    return JSON.stringify(
      [{ message: e.description ?? recase(r, junk(r)), errorCode: e.error }],
      null,
      r() < 0.5 ? 2 : 0,
    )
  const body: Record<string, string> = { error: recase(r, e.error) }
  if (e.description) body.error_description = recase(r, e.description)
  if (r() < 0.5) body.error_uri = "https://help.salesforce.com/" + junk(r)
  return JSON.stringify(body)
}

function textForm(r: Rand, e: CatalogueEntry): string {
  const head = pick(r, [
    "OAuth Error\nWe can't authorize you because of an OAuth error. For more information, contact your Salesforce administrator.",
    "Remote Access Authorization Error",
    "Something went wrong:",
    "",
  ])
  const words = e.description ? `${e.error}: ${recase(r, e.description)}` : e.error
  return [head, words, pick(r, ["Please try again.", "Back to login", "", `ref ${junk(r)}`])].join(
    pick(r, ["\n", "  ", "\n\n"]),
  )
}

describe("/diagnose explains every catalogue entry in each of the three forms", () => {
  const r = prng(20260)
  for (const entry of CATALOGUE) {
    it(`${entry.id}: URL, JSON and page text, 8 random shapes each`, () => {
      for (let i = 0; i < 8; i++) {
        for (const [form, paste] of [
          ["url", urlForm(r, entry)],
          ["json", jsonForm(r, entry)],
          ["text", textForm(r, entry)],
        ] as const) {
          const d = diagnose(paste)
          expect(d.entryIds, `${form}: ${paste}`).toContain(entry.id)
          expect(d.form).toBe(form)
        }
      }
    })
  }

  it("S-252 an empty paste is named as such, an unknown one matches nothing, random strings never throw", () => {
    expect(diagnose("   \n ")).toEqual({ form: "empty", entryIds: [] })
    expect(diagnose("hello world").entryIds).toEqual([])
    const r2 = prng(7)
    for (let i = 0; i < 300; i++) {
      const s = Array.from({ length: Math.floor(r2() * 200) }, () =>
        String.fromCharCode(Math.floor(r2() * 0x2fff)),
      ).join("")
      expect(() => diagnose(s)).not.toThrow()
    }
  })
})
