import { describe, expect, it } from "vitest"
import { GROUPS } from "@/app/errors/_components/error-groups"
import { CATALOGUE, entryById } from "@/lib/explain/catalogue"
import { errorEntryHref } from "@/lib/explain/entry-href"

describe("the /errors index and the entry pages", () => {
  it("lists every catalogue entry under a group (the first source it names)", () => {
    const grouped = new Set(GROUPS.map((g) => g.source))
    const orphans = CATALOGUE.filter((e) => !grouped.has(e.where[0]!)).map((e) => e.id)
    expect(orphans).toEqual([])
  })

  it("gives each entry a page at /errors/<id> that finds it again", () => {
    for (const e of CATALOGUE) {
      // Ids are used as they are in the URL: nothing to escape, so links stay readable.
      expect(e.id).toMatch(/^[a-z0-9-]+$/)
      expect(errorEntryHref(e.id)).toBe(`/errors/${e.id}`)
      expect(entryById(e.id)).toBe(e)
    }
    expect(entryById("no-such-entry")).toBeUndefined()
    expect(entryById("constructor")).toBeUndefined()
  })
})
