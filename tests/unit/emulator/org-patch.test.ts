import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { DEMO_USERS } from "@/lib/emulator/seed/records"
import { getAppPolicies } from "@/lib/emulator/store/app-policies"
import { getAppSecretSettings } from "@/lib/emulator/store/app-settings"
import { isPreauthorized } from "@/lib/emulator/store/apps"
import { isDeviceFlowEnabled } from "@/lib/emulator/store/device-settings"
import { applyOrgPatch, OrgPatchSchema, type OrgPatch } from "@/lib/emulator/store/org-patch"
import { resetOrg } from "@/lib/emulator/store/reset"
import { DEFAULT_SETTINGS, getSettings } from "@/lib/emulator/store/settings"
import { DEFAULT_USER_POLICY, getUserPolicy } from "@/lib/emulator/store/user-policies"
import { createTestOrg, type TestOrg } from "../../_helpers/org"

let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const [DEMO, ADMIN] = DEMO_USERS as [(typeof DEMO_USERS)[0], (typeof DEMO_USERS)[0]]
const db = () => t.org.ctx.db
const id = () => t.org.credentials.clientId
const apply = (p: OrgPatch) => applyOrgPatch(db(), id(), p)

describe("applyOrgPatch", () => {
  it("sets org settings, the app's secret settings and policies, and users' properties by username", () => {
    apply({
      settings: { requirePkce: true, apiAccessControl: true, appPolicy: "admin-approved" },
      appSecrets: { requireSecretForWebServer: false },
      app: { installed: false, ipRelaxation: "relax", highAssurance: true, deviceFlow: false },
      users: {
        "DEMO@example.com": {
          apiEnabled: false,
          frozen: true,
          loginIpRanges: "10.0.0.0-10.0.0.255\n192.168.1.1",
          preauthorized: true,
        },
        [ADMIN.Username]: { useAnyApiClient: true, preauthorized: false },
      },
    })
    expect(getSettings(db())).toMatchObject({
      requirePkce: true,
      apiAccessControl: true,
      appPolicy: "admin-approved",
      allowUsernamePasswordFlow: false,
    })
    expect(getAppSecretSettings(db(), id())).toEqual({
      requireSecretForWebServer: false,
      requireSecretForRefreshToken: true,
    })
    expect(getAppPolicies(db(), id())).toEqual({
      installed: false,
      apiAccessAllowed: true,
      highAssurance: true,
      ipRelaxation: "relax",
    })
    expect(isDeviceFlowEnabled(db(), id())).toBe(false)
    expect(getUserPolicy(db(), DEMO.Id)).toEqual({
      ...DEFAULT_USER_POLICY,
      apiEnabled: false,
      frozen: true,
      loginIpRanges: [
        { start: "10.0.0.0", end: "10.0.0.255" },
        { start: "192.168.1.1", end: "192.168.1.1" },
      ],
    })
    expect(getUserPolicy(db(), ADMIN.Id).useAnyApiClient).toBe(true)
    expect(isPreauthorized(db(), id(), DEMO.Id)).toBe(true)
    expect(isPreauthorized(db(), id(), ADMIN.Id)).toBe(false)

    resetOrg(db(), t.clock.now())
    expect(getSettings(db())).toEqual(DEFAULT_SETTINGS)
    expect(getAppPolicies(db(), id()).installed).toBe(true)
    expect(getUserPolicy(db(), DEMO.Id)).toEqual(DEFAULT_USER_POLICY)
    expect(isPreauthorized(db(), id(), ADMIN.Id)).toBe(true)
  })

  it("refuses unknown keys, values the settings page would not take and unknown users, changing nothing", () => {
    const bad: unknown[] = [
      { settings: { requirePkce: "yes" } },
      { settings: { accessTokenMinutes: 7 } },
      { settings: { appScopes: ["api", "everything"] } },
      { settings: { nope: true } },
      { app: { ipRelaxation: "sometimes" } },
      { users: { [DEMO.Username]: { loginIpRanges: "10.0.0.9-10.0.0.1" } } },
      { users: { [DEMO.Username]: { loginIpRanges: [{ start: "1.2.3", end: "1.2.3.4" }] } } },
      { users: { [DEMO.Username]: { admin: true } } },
      { extra: 1 },
    ]
    for (const p of bad) {
      expect(OrgPatchSchema.safeParse(p).success, JSON.stringify(p)).toBe(false)
      expect(() => apply(p as OrgPatch)).toThrow()
    }
    expect(() =>
      apply({ settings: { requirePkce: true }, users: { "nobody@example.com": { frozen: true } } }),
    ).toThrow("no user nobody@example.com")
    expect(getSettings(db())).toEqual(DEFAULT_SETTINGS)
    expect(getUserPolicy(db(), DEMO.Id)).toEqual(DEFAULT_USER_POLICY)
  })

  it("an empty patch changes nothing", () => {
    apply({})
    expect(getSettings(db())).toEqual(DEFAULT_SETTINGS)
  })
})
