import fs from "node:fs"
import path from "node:path"
import { describe, expect, it } from "vitest"

/**
 * `npm ci` on a fresh clone must keep working after the day the lock file was written. A package
 * that asks for another by a dist-tag (`"latest"`, `"next"`…) breaks that: `npm ci` resolves the tag
 * again and refuses the lock as soon as a new version is published ("Missing: … from lock file").
 * Lighthouse's trace engine does it; package.json's `overrides` pin each such dependency to an exact
 * version (README, *Dependencies*).
 */
const ROOT = path.resolve(__dirname, "../../..")
const read = (file: string) => JSON.parse(fs.readFileSync(path.join(ROOT, file), "utf8"))

type LockEntry = Partial<Record<"dependencies" | "optionalDependencies", Record<string, string>>>

/** A dist-tag, not a version range: a bare word such as `latest` (`x` alone is the range "any"). */
const isDistTag = (spec: string) => /^[A-Za-z][\w.-]*$/.test(spec) && !/^[xX]$/.test(spec)

/** The package a lock entry installs: the name after its last `node_modules/`. */
const packageName = (lockPath: string) => lockPath.slice(lockPath.lastIndexOf("node_modules/") + 13)

describe("the lock file", () => {
  it("every dependency asked for by a dist-tag is pinned to an exact version in overrides", () => {
    const packages = read("package-lock.json").packages as Record<string, LockEntry>
    const overrides = (read("package.json").overrides ?? {}) as Record<
      string,
      string | Record<string, string>
    >
    const tagged = Object.entries(packages).flatMap(([where, entry]) =>
      Object.entries({ ...entry.dependencies, ...entry.optionalDependencies })
        .filter(([, spec]) => isDistTag(spec))
        .map(([name, spec]) => ({ parent: packageName(where), name, spec })),
    )
    const unpinned = tagged.filter(({ parent, name }) => {
      const scoped = overrides[parent]
      const pin = typeof scoped === "object" ? scoped[name] : overrides[name]
      return typeof pin !== "string" || !/^\d+\.\d+\.\d+$/.test(pin)
    })
    expect(unpinned).toEqual([])
  })

  it("tells a dist-tag from a version range", () => {
    for (const tag of ["latest", "next", "beta", "canary"]) expect(isDistTag(tag), tag).toBe(true)
    for (const range of ["^1.2.3", "1.2.3", "~0.27.0", "*", "x", ">=18", "1.x", "1 - 2", ""])
      expect(isDistTag(range), range).toBe(false)
  })
})
