import { describe, expect, it } from "vitest"
import { FLOW_LABELS } from "@/lib/auth/session-types"
import { CATALOGUE } from "@/lib/explain/catalogue"
import type { CatalogueEntry } from "@/lib/explain/catalogue-types"
import { diagnose } from "@/lib/diagnose/diagnose"

/**
 * What one paste costs the server: /diagnose runs on the site's event loop, so a paste that makes
 * it try too many combinations stalls every user's request (the route's same-origin check and body
 * limit, docs/security.md C-151, do not stop a script). The work is counted in catalogue `match`
 * calls, never timed: a busy machine must not fail this.
 */
const wordsOf = (e: CatalogueEntry) =>
  [e.description, ...(e.phrases ?? [])].filter((w): w is string => !!w)
const CODES = [...new Set(CATALOGUE.map((e) => e.error))]
const WORDS = [...new Set(CATALOGUE.flatMap(wordsOf))]
/** Every entry's own (code, word) pairs: the only combinations worth trying together. */
const OWN_WORDS = CATALOGUE.reduce((n, e) => n + wordsOf(e).length, 0)
/** A paste says no flow: every flow the lab knows is tried, and none. */
const FLOWS = Object.keys(FLOW_LABELS).length + 1

/**
 * The `match` calls one diagnosis makes, across the whole catalogue (a plain counting wrapper:
 * a Vitest spy records every call's arguments, which the old code's millions of calls outgrow).
 */
function matchCalls(paste: string): { calls: number; entryIds: string[] } {
  let calls = 0
  const originals = CATALOGUE.map((e) => e.match)
  CATALOGUE.forEach((e, i) => {
    e.match = (f) => {
      calls++
      return originals[i]!(f)
    }
  })
  try {
    const { entryIds } = diagnose(paste)
    return { calls, entryIds }
  } finally {
    CATALOGUE.forEach((e, i) => (e.match = originals[i]!))
  }
}

describe("/diagnose's work is linear in the codes and words a paste holds", () => {
  it("a page's text holding every catalogue code and word is tried once per code, per word and per entry's own pair, not once per code × word", () => {
    const paste = [...CODES, ...WORDS].join("\n")
    expect(paste.length).toBeLessThan(8000)
    const { calls, entryIds } = matchCalls(paste)
    // Pairing every code with every word made (codes + 1) × (words + 1) × entries × flows calls.
    expect(calls).toBeLessThanOrEqual(
      (CODES.length + WORDS.length + OWN_WORDS) * CATALOGUE.length * FLOWS,
    )
    // And it still explains every entry it names.
    expect([...entryIds].sort()).toEqual(CATALOGUE.map((e) => e.id).sort())
  })

  it("a code is still read with its own description, whichever entry that pair explains", () => {
    // The device flow's late poll (the embedded org: invalid_grant, "expired authorization code")
    // is explained by the site's own DEVICE_CODE_EXPIRED entry, whose code is not in the text.
    const { entryIds } = matchCalls("invalid_grant: expired authorization code")
    expect(entryIds).toEqual(
      expect.arrayContaining(["expired-authorization-code", "device-code-expired"]),
    )
  })
})
