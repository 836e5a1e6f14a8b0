import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import Database from "better-sqlite3"
import { afterEach, describe, expect, it } from "vitest"
import { openUsedStates, type UsedStates } from "@/lib/auth/used-states"

/** The store behind one-time flow cookies (lib/auth/used-states.ts, docs/security.md C-78). */
const MINUTE = 60 * 1000
const opened: UsedStates[] = []
afterEach(() => {
  for (const s of opened.splice(0)) s.close()
})

function folder() {
  return fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-used-states-"))
}
function open(dir: string) {
  const s = openUsedStates(dir)
  opened.push(s)
  return s
}
function rows(dir: string) {
  const db = new Database(path.join(dir, "site.sqlite"), { readonly: true })
  try {
    return db.prepare("SELECT state_hash, expires_at FROM used_state").all() as {
      state_hash: string
      expires_at: number
    }[]
  } finally {
    db.close()
  }
}

describe("the used-state store", () => {
  it("C-78 two instances sharing the data folder see the same used state: only the first consume wins", () => {
    const dir = folder()
    const a = open(dir)
    const b = open(dir)
    const exp = Date.now() + 10 * MINUTE
    expect(a.consume("state-one", exp)).toBe(true)
    expect(b.consume("state-one", exp)).toBe(false)
    expect(a.consume("state-one", exp)).toBe(false)
    expect(b.consume("state-two", exp)).toBe(true)
    expect(a.consume("state-two", exp)).toBe(false)
    // A restarted instance (a new handle on the same folder) still knows them.
    expect(open(dir).consume("state-one", exp)).toBe(false)
  })

  it("C-78 stores a SHA-256 of the state, never the state itself", () => {
    const dir = folder()
    const state = "a-state-value-that-must-not-be-stored"
    open(dir).consume(state, Date.now() + 10 * MINUTE)
    const stored = rows(dir)
    expect(stored.map((r) => r.state_hash)).toEqual([
      crypto.createHash("sha256").update(state).digest("base64url"),
    ])
    expect(fs.readFileSync(path.join(dir, "site.sqlite")).includes(state)).toBe(false)
    const wal = path.join(dir, "site.sqlite-wal")
    if (fs.existsSync(wal)) expect(fs.readFileSync(wal).includes(state)).toBe(false)
  })

  it("C-78 prunes a row once its flow cookie has expired (past a clock margin), and keeps live ones", () => {
    const dir = folder()
    const s = open(dir)
    const now = Date.now()
    expect(s.consume("long-expired", now - 20 * MINUTE, now - 30 * MINUTE)).toBe(true)
    expect(s.consume("just-expired", now - 1000, now - 10 * MINUTE)).toBe(true)
    expect(s.consume("live", now + 10 * MINUTE, now)).toBe(true)
    // The consume above pruned the long-expired row; one inside the clock margin stays.
    const hashes = rows(dir).map((r) => r.state_hash)
    const hash = (v: string) => crypto.createHash("sha256").update(v).digest("base64url")
    expect(hashes.sort()).toEqual([hash("just-expired"), hash("live")].sort())
    expect(s.consume("just-expired", now + 10 * MINUTE, now)).toBe(false)
    // Once their cookies are long expired, their rows go too: the table holds only live flows.
    expect(s.consume("other", now + 30 * MINUTE, now + 20 * MINUTE)).toBe(true)
    expect(rows(dir).map((r) => r.state_hash)).toEqual([hash("other")])
  })
})
