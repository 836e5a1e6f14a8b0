import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { getSettings, saveSettings, type OrgSettings } from "@/lib/emulator/store/settings"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, jsonOf, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

// A refresh token family under rotation: what a refresh that narrows its scope returns (RFC 6749
// §6, F-27), and how long the Refresh Token Policy's "expire after" lets it live once the org has
// pruned its oldest rotated tokens (F-59, F-163).
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg()
})
afterEach(() => t.close())

const DAY = 24 * 60 * 60_000
const site = () => t.org.credentials
const token = (form: Record<string, string>) => t.call("/services/oauth2/token", { form })
const settings = (p: Partial<OrgSettings>) =>
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), ...p })

async function login(): Promise<string> {
  const run = await runAuthorize(new TestBrowser(t), t, {
    response_type: "code",
    client_id: site().clientId,
    redirect_uri: WEB_CALLBACK,
    scope: "api refresh_token",
  })
  const res = await token({
    grant_type: "authorization_code",
    code: callbackParams(run.location!).get("code")!,
    client_id: site().clientId,
    client_secret: site().clientSecret,
    redirect_uri: WEB_CALLBACK,
  })
  return String((await jsonOf(res)).refresh_token)
}

const refresh = (rt: string, extra: Record<string, string> = {}) =>
  token({
    grant_type: "refresh_token",
    refresh_token: rt,
    client_id: site().clientId,
    client_secret: site().clientSecret,
    ...extra,
  })

describe("a refresh token family under rotation", () => {
  it("F-27 a refresh that narrows the scope still returns the next refresh token, with the grant's whole scope", async () => {
    settings({ refreshTokenRotation: true })
    const narrowed = await jsonOf(await refresh(await login(), { scope: "api" }))
    expect(narrowed.scope).toBe("api")
    expect(typeof narrowed.refresh_token).toBe("string")
    // RFC 6749 §6: the new refresh token's scope is the old one's, so it can ask for it all again.
    const next = await jsonOf(await refresh(String(narrowed.refresh_token)))
    expect(next.scope).toBe("api refresh_token")
    expect(typeof next.refresh_token).toBe("string")
  })

  it("F-163 F-59 expire after N counts from the approval, though the org has pruned the tokens rotated before", async () => {
    settings({
      refreshTokenRotation: true,
      refreshTokenPolicy: "expire-after",
      refreshTokenPolicyMinutes: 60 * 24 * 60,
    })
    let rt = await login()
    for (let day = 10; day <= 50; day += 10) {
      t.clock.advance(10 * DAY)
      const res = await refresh(rt)
      expect(res.status, `day ${day}`).toBe(200)
      rt = String((await jsonOf(res)).refresh_token)
    }
    t.clock.advance(11 * DAY)
    expect(await jsonOf(await refresh(rt))).toEqual({
      error: "invalid_grant",
      error_description: "expired access/refresh token",
    })
  })
})
