import fs from "node:fs"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { applyScenarioPatch, ScenarioPatchError } from "@/lib/emulator/control/scenario-patch"
import { SCENARIO_PATCHES } from "@/lib/emulator/control/scenario-patches"
import { loadOrCreateControlSecret } from "@/lib/emulator/control/secret"
import { SCENARIOS } from "@/lib/diagnose/scenarios"
import { getSettings } from "@/lib/emulator/store/settings"
import { diagnose } from "@/lib/diagnose/diagnose"
import { CATALOGUE } from "@/lib/explain/catalogue"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

/**
 * The org's control endpoint behind /diagnose's *Break it* / *Fix it* (lib/emulator/control/):
 * only the data folder's secret opens it (docs/security.md, C-150, S-93), and each scenario's fix
 * undoes exactly what its break did.
 */
let t: TestOrg
beforeAll(async () => {
  t = await createTestOrg()
})
afterAll(() => t.close())

const control = (id: string, action: string, headers: Record<string, string> = {}) =>
  t.call(`/_lab/scenarios/${id}/${action}`, { method: "POST", headers })
const secret = () => loadOrCreateControlSecret(t.dataDir)
const authed = (id: string, action: "break" | "fix") =>
  control(id, action, { authorization: `Bearer ${secret()}` })

/** What the scenarios can change: settings, pre-authorizations and approvals (ids and times left out). */
function orgState() {
  const db = t.org.ctx.db
  return JSON.stringify([
    db.prepare("SELECT key, value FROM settings ORDER BY key").all(),
    db.prepare("SELECT client_id, user_id FROM preauthorized_users ORDER BY 1, 2").all(),
    db.prepare("SELECT user_id, client_id, scopes FROM approvals ORDER BY 1, 2").all(),
  ])
}

describe("the lab's control endpoint", () => {
  it("C-150 S-93 answers 401 without the data folder's secret, with a wrong one, or with it in the query, and changes nothing", async () => {
    const before = orgState()
    const tries: [string, Record<string, string>][] = [
      ["", {}],
      ["", { authorization: "Bearer wrong" }],
      ["", { authorization: `Basic ${secret()}` }],
      ["", { authorization: `Bearer ${secret()}x` }],
      [`?access_token=${secret()}`, {}],
    ]
    for (const [query, headers] of tries) {
      const res = await t.call(`/_lab/scenarios/user-agent-blocked/break${query}`, {
        method: "POST",
        headers,
      })
      expect(res.status).toBe(401)
      expect(await res.text()).not.toContain(secret())
    }
    expect(orgState()).toBe(before)
    // GET is no way in either, and other paths under /_lab do not exist.
    expect((await t.call("/_lab/scenarios/user-agent-blocked/break")).status).toBe(404)
    expect((await control("user-agent-blocked", "delete")).status).toBe(404)
  })

  it("C-150 the secret is a 256-bit random value in the git-ignored data folder, readable by its owner only, the same for both processes", () => {
    const file = path.join(t.dataDir, "lab-control", "secret")
    expect(fs.statSync(file).mode & 0o077).toBe(0)
    expect(secret()).toMatch(/^[\w-]{43}$/)
    expect(t.org.ctx.controlSecret).toBe(secret())
    expect(loadOrCreateControlSecret(t.dataDir)).toBe(secret())
  })

  it("C-150 F-190 with the secret, an unknown scenario is 404 and a known one is applied at once", async () => {
    expect((await authed("no-such-scenario", "break")).status).toBe(404)
    expect((await authed("__proto__", "break")).status).toBe(404)
    const res = await authed("user-agent-blocked", "break")
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      scenario: "user-agent-blocked",
      action: "break",
      applied: true,
    })
    expect((await authed("user-agent-blocked", "fix")).status).toBe(200)
  })

  it("C-150 F-192 POST /_lab/reset puts the org back as *Reset org* does, and only with the secret", async () => {
    // What the org holds in effect: a reset deletes the settings row rather than storing defaults.
    const effective = () => {
      const db = t.org.ctx.db
      return JSON.stringify([
        getSettings(db),
        db.prepare("SELECT client_id, user_id FROM preauthorized_users ORDER BY 1, 2").all(),
        db.prepare("SELECT user_id, client_id, scopes FROM approvals ORDER BY 1, 2").all(),
      ])
    }
    const defaults = effective()
    expect((await authed("user-agent-blocked", "break")).status).toBe(200)
    const broken = effective()
    expect(broken).not.toBe(defaults)
    for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
      const res = await t.call("/_lab/reset", { method: "POST", headers })
      expect(res.status).toBe(401)
      expect(effective()).toBe(broken)
    }
    expect((await t.call("/_lab/reset")).status).toBe(404)
    const res = await t.call("/_lab/reset", {
      method: "POST",
      headers: { authorization: `Bearer ${secret()}` },
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ reset: true })
    expect(effective()).toBe(defaults)
  })
})

/**
 * Every field a patch names, as paths (`policies.users.admin@example.com.frozen`): objects are
 * walked, arrays and values are leaves, so a fix must name each setting, app policy and user
 * property its break names, and no other.
 */
function keyPaths(v: unknown, at = ""): string[] {
  if (!v || typeof v !== "object" || Array.isArray(v)) return [at]
  return Object.entries(v)
    .flatMap(([k, w]) => keyPaths(w, at ? `${at}.${k}` : k))
    .sort()
}

describe("the scenarios", () => {
  it("F-191 a scenario's org policies are checked by the settings page's rules and applied in the patch's one transaction", () => {
    const before = orgState()
    const apply = (policies: object) => () =>
      applyScenarioPatch(
        t.org.ctx.db,
        t.org.ctx.app.clientId,
        { settings: { blockUserAgentFlow: true }, policies },
        t.org.ctx.now(),
      )
    expect(apply({ users: { "nobody@example.com": { frozen: true } } })).toThrow(ScenarioPatchError)
    expect(apply({ app: { installed: "no" } })).toThrow(ScenarioPatchError)
    expect(
      apply({ users: { "admin@example.com": { loginIpRanges: "10.0.0.9-10.0.0.1" } } }),
    ).toThrow(ScenarioPatchError)
    expect(orgState()).toBe(before)
  })

  it("every scenario has the org's patches and a catalogue entry, and the error it names is diagnosed as that entry", () => {
    expect(SCENARIOS.length).toBeGreaterThanOrEqual(12)
    expect(SCENARIOS.map((s) => s.id).sort()).toEqual(Object.keys(SCENARIO_PATCHES).sort())
    for (const s of SCENARIOS) {
      expect(
        CATALOGUE.some((e) => e.id === s.entryId),
        s.id,
      ).toBe(true)
      const pasted = `?error=${encodeURIComponent(s.error)}&error_description=${encodeURIComponent(s.errorDescription)}`
      expect(diagnose(pasted).entryIds, s.id).toContain(s.entryId)
    }
  })

  it.each(SCENARIOS.map((s) => s.id))(
    "%s: the fix names what the break names; break changes the org, fix puts it back",
    async (id) => {
      const p = SCENARIO_PATCHES[id]!
      expect(Object.keys(p.fix).sort()).toEqual(Object.keys(p.break).sort())
      expect(keyPaths(p.fix)).toEqual(keyPaths(p.break))
      expect((await authed(id, "fix")).status).toBe(200)
      const fixed = orgState()
      expect((await authed(id, "break")).status).toBe(200)
      expect(orgState()).not.toBe(fixed)
      expect((await authed(id, "fix")).status).toBe(200)
      expect(orgState()).toBe(fixed)
    },
  )
})
