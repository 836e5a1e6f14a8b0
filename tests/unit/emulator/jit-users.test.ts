import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { to18 } from "@/lib/emulator/ids"
import { USERS } from "@/lib/emulator/seed/records"
import { createUser, DuplicateUsername, newUserId } from "@/lib/emulator/store/jit-users"
import { resetOrg } from "@/lib/emulator/store/reset"
import { allUsers, findUserById } from "@/lib/emulator/users"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

// The users the token exchange handler creates (docs/fidelity.md, F-234, F-235): every one gets an
// ID of its own and a username no other user of the org has, however many an org creates.
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

describe("users the token exchange handler creates", () => {
  it("F-234 gives each of 1000 users created in one org its own valid User ID, found by either form", () => {
    const db = t.org.ctx.db
    const ids = Array.from(
      { length: 1000 },
      (_, i) => createUser(db, { email: `person.${i}@idp.example` }, t.clock.now()).Id,
    )
    expect(new Set(ids.map((id) => id.toLowerCase())).size).toBe(1000)
    for (const id of ids) {
      expect(id).toMatch(/^005[a-zA-Z0-9]{15}$/)
      expect(to18(id.slice(0, 15))).toBe(id)
    }
    expect(findUserById(db, ids[567]!.slice(0, 15))?.Email).toBe("person.567@idp.example")
    expect(allUsers(db)).toHaveLength(USERS.length + 1000)
  })

  it("F-234 draws another ID when the one drawn is taken by a seeded or created user", () => {
    const seeded = USERS[0]!.Id
    const draws = [seeded.slice(9, 15), "abc123", "abc123", "XYZ789"]
    const next = () => draws.shift()!
    const first = newUserId((id) => id === seeded, next)
    expect(first).toBe(to18("0055g0000abc123"))
    const second = newUserId((id) => id === seeded || id === first, next)
    expect(second).toBe(to18("0055g0000XYZ789"))
    expect(draws).toEqual([])
  })

  it("F-235 refuses a username the org already has, in any case, and stores nothing", () => {
    const db = t.org.ctx.db
    const made = createUser(db, { email: "Nia.New@idp.example" }, t.clock.now())
    expect(made.Username).toBe("nia.new@idp.example.lab")
    expect(() => createUser(db, { email: "NIA.NEW@IDP.EXAMPLE" }, t.clock.now())).toThrow(
      DuplicateUsername,
    )
    expect(allUsers(db).filter((u) => u.Username === made.Username)).toHaveLength(1)
  })

  it("F-234 R-11 two instances on one data folder share created users: each sees the other's at once, and a reset in one is a reset in both", async () => {
    const b = await createTestOrg({ dataDir: t.dataDir })
    try {
      const made = createUser(t.org.ctx.db, { email: "shared@idp.example" }, t.clock.now())
      expect(findUserById(b.org.ctx.db, made.Id)?.Username).toBe("shared@idp.example.lab")
      // B refuses to create the same username again, as one org does.
      expect(() =>
        createUser(b.org.ctx.db, { email: "shared@idp.example" }, t.clock.now()),
      ).toThrow(DuplicateUsername)
      const fromB = createUser(b.org.ctx.db, { email: "other@idp.example" }, t.clock.now())
      expect(findUserById(t.org.ctx.db, fromB.Id)?.Email).toBe("other@idp.example")
      resetOrg(b.org.ctx.db, t.clock.now())
      expect(findUserById(t.org.ctx.db, made.Id)).toBeUndefined()
      expect(allUsers(t.org.ctx.db)).toHaveLength(USERS.length)
    } finally {
      b.close()
    }
  })
})
