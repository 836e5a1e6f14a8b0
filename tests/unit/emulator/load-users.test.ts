import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterEach, describe, expect, it, vi } from "vitest"
import { openDatabase } from "@/lib/emulator/db/open"
import { loadUserCount, loadUsername, loadUsers } from "@/lib/emulator/seed/load-users"

afterEach(() => {
  vi.unstubAllEnvs()
  vi.resetModules()
})

describe("opt-in load users (SALESFORCE_LAB_LOAD_USERS)", () => {
  it("reads only a whole number from 0 to 1000; anything else means none", () => {
    expect(loadUserCount(undefined)).toBe(0)
    expect(loadUserCount("250")).toBe(250)
    expect(loadUserCount(" 12 ")).toBe(12)
    for (const bad of ["", "-1", "1e3", "abc", "1001", "12.5", "0x10"])
      expect(loadUserCount(bad)).toBe(0)
  })

  it("generates distinct, valid 18-character 005 IDs and usernames", () => {
    const users = loadUsers(1000)
    expect(new Set(users.map((u) => u.Id)).size).toBe(1000)
    expect(new Set(users.map((u) => u.Username)).size).toBe(1000)
    for (const u of users) expect(u.Id).toMatch(/^005[A-Za-z0-9]{15}$/)
    expect(users[0]!.Username).toBe(loadUsername(1))
    expect(users.every((u) => u.IsActive && !u.isAdmin && !u.preauthorizedByDefault)).toBe(true)
  })

  it("the org has only the demo users unless asked, and finds load users by name and ID when asked", async () => {
    // An org's database: lookups also see the users its token exchange handler created (none here).
    const db = openDatabase(fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-load-users-")))
    vi.stubEnv("SALESFORCE_LAB_LOAD_USERS", "")
    const plain = await import("@/lib/emulator/users")
    expect(plain.findUserByUsername(db, loadUsername(1))).toBeUndefined()
    vi.resetModules()
    vi.stubEnv("SALESFORCE_LAB_LOAD_USERS", "3")
    const loaded = await import("@/lib/emulator/users")
    const records = await import("@/lib/emulator/seed/records")
    expect(records.USERS.map((u) => u.Username)).toEqual([
      ...records.DEMO_USERS.map((u) => u.Username),
      loadUsername(1),
      loadUsername(2),
      loadUsername(3),
    ])
    const third = loaded.findUserByUsername(db, loadUsername(3))!
    expect(loaded.findUserById(db, third.Id)?.Username).toBe(loadUsername(3))
    expect(loaded.findUserByUsername(db, loadUsername(4))).toBeUndefined()
    db.close()
  })
})
