import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import Database from "better-sqlite3"
import { afterEach, describe, expect, it } from "vitest"
import { openDatabase } from "@/lib/emulator/db/open"
import { familyTimes } from "@/lib/emulator/store/refresh-tokens"

// A data folder made by an earlier version keeps working: the org adds the columns it has gained.
const dirs: string[] = []
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true })
})

describe("opening an older org database", () => {
  it("F-163 adds each refresh token's family start, filled from the family's oldest token, once", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-migrate-"))
    dirs.push(dir)
    const old = new Database(path.join(dir, "org.sqlite"))
    old.exec(`CREATE TABLE refresh_tokens (
      hash TEXT PRIMARY KEY, family TEXT NOT NULL, client_id TEXT NOT NULL, user_id TEXT NOT NULL,
      scopes TEXT NOT NULL, created_at INTEGER NOT NULL, revoked_at INTEGER, rotated_at INTEGER)`)
    const insert = old.prepare(
      "INSERT INTO refresh_tokens (hash, family, client_id, user_id, scopes, created_at) VALUES (?, ?, 'app', 'u', 'api', ?)",
    )
    insert.run("h1", "fam", 1000)
    insert.run("h2", "fam", 5000)
    insert.run("h3", "other", 7000)
    old.close()

    const db = openDatabase(dir)
    expect(familyTimes(db, "fam")).toEqual({ startedAt: 1000, lastUsedAt: 5000 })
    expect(familyTimes(db, "other").startedAt).toBe(7000)
    db.close()
    // A second open finds the column and changes nothing.
    const again = openDatabase(dir)
    expect(familyTimes(again, "fam").startedAt).toBe(1000)
    again.close()
  })
})
