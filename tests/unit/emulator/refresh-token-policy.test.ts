import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { getSettings, saveSettings, type OrgSettings } from "@/lib/emulator/store/settings"
import { callbackParams, runAuthorize, TestBrowser } from "../../_helpers/browser"
import { createTestOrg, WEB_CALLBACK, type TestOrg } from "../../_helpers/org"

/**
 * The app's Refresh Token Policy (issue 14 item 4; docs/fidelity.md, F-163), and a family under
 * rotation: what a refresh that narrows its scope returns (RFC 6749 §6, F-27), and how long "expire
 * after" lets it live once the org has pruned its oldest rotated tokens (F-59).
 */
let t: TestOrg
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

const MINUTE = 60_000
const site = () => t.org.credentials
const token = (form: Record<string, string>) => t.call("/services/oauth2/token", { form })
const policy = (p: Partial<OrgSettings>) =>
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), ...p })

async function refreshToken(): Promise<string> {
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
  return ((await res.json()) as { refresh_token: string }).refresh_token
}

const refresh = (rt: string, extra: Record<string, string> = {}) =>
  token({
    grant_type: "refresh_token",
    refresh_token: rt,
    client_id: site().clientId,
    client_secret: site().clientSecret,
    ...extra,
  })

const EXPIRED = { error: "invalid_grant", error_description: "expired access/refresh token" }

describe("Refresh Token Policy", () => {
  it("F-163 valid until revoked by default; expire after N counts from the approval, uses or not", async () => {
    expect(getSettings(t.org.ctx.db).refreshTokenPolicy).toBe("until-revoked")
    const forever = await refreshToken()
    t.clock.advance(365 * 24 * 60 * MINUTE)
    expect((await refresh(forever)).status).toBe(200)

    policy({ refreshTokenPolicy: "expire-after", refreshTokenPolicyMinutes: 60 })
    const rt = await refreshToken()
    t.clock.advance(50 * MINUTE)
    expect((await refresh(rt)).status).toBe(200)
    t.clock.advance(11 * MINUTE)
    const late = await refresh(rt)
    expect(late.status).toBe(400)
    expect(await late.json()).toEqual(EXPIRED)
  })

  it("F-163 expire if not used for N: each use moves the deadline; idle past N, the token is dead for good", async () => {
    policy({ refreshTokenPolicy: "expire-unused", refreshTokenPolicyMinutes: 60 })
    const rt = await refreshToken()
    for (let i = 0; i < 3; i++) {
      t.clock.advance(50 * MINUTE)
      expect((await refresh(rt)).status).toBe(200)
    }
    t.clock.advance(61 * MINUTE)
    expect(await (await refresh(rt)).json()).toEqual(EXPIRED)
    // The family was revoked: going back to "valid until revoked" does not bring it back.
    policy({ refreshTokenPolicy: "until-revoked" })
    expect(await (await refresh(rt)).json()).toEqual(EXPIRED)
  })

  it("F-164 introspection follows the policy: exp is when the policy ends the token, and it is inactive after", async () => {
    const introspect = async (tok: string) =>
      (await t
        .call("/services/oauth2/introspect", {
          form: { token: tok, client_id: site().clientId, client_secret: site().clientSecret },
        })
        .then((r) => r.json())) as { active: boolean; exp?: number }
    policy({ refreshTokenPolicy: "expire-after", refreshTokenPolicyMinutes: 60 })
    const issuedAt = t.clock.now()
    const rt = await refreshToken()
    const live = await introspect(rt)
    expect(live.active).toBe(true)
    expect(live.exp).toBe(Math.floor((issuedAt + 60 * MINUTE) / 1000))
    t.clock.advance(61 * MINUTE)
    // Without asking the token endpoint first: introspection alone says what the grant would say.
    expect(await introspect(rt)).toEqual({ active: false })
    expect(await (await refresh(rt)).json()).toEqual(EXPIRED)
  })
})

describe("a refresh token family under rotation", () => {
  const DAY = 24 * 60 * MINUTE

  it("F-27 a refresh that narrows the scope still returns the next refresh token, with the grant's whole scope", async () => {
    policy({ refreshTokenRotation: true })
    const narrowed = (await (await refresh(await refreshToken(), { scope: "api" })).json()) as {
      scope: string
      refresh_token?: string
    }
    expect(narrowed.scope).toBe("api")
    expect(typeof narrowed.refresh_token).toBe("string")
    // RFC 6749 §6: the new refresh token's scope is the old one's, so it can ask for it all again.
    const next = (await (await refresh(narrowed.refresh_token!)).json()) as {
      scope: string
      refresh_token?: string
    }
    expect(next.scope).toBe("api refresh_token")
    expect(typeof next.refresh_token).toBe("string")
  })

  it("F-163 F-59 expire after N counts from the approval, though the org has pruned the tokens rotated before", async () => {
    policy({
      refreshTokenRotation: true,
      refreshTokenPolicy: "expire-after",
      refreshTokenPolicyMinutes: 60 * 24 * 60,
    })
    let rt = await refreshToken()
    for (let day = 10; day <= 50; day += 10) {
      t.clock.advance(10 * DAY)
      const res = await refresh(rt)
      expect(res.status, `day ${day}`).toBe(200)
      rt = ((await res.json()) as { refresh_token: string }).refresh_token
    }
    t.clock.advance(11 * DAY)
    expect(await (await refresh(rt)).json()).toEqual(EXPIRED)
  })
})
