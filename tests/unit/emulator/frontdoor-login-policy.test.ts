import { afterEach, beforeEach, describe, expect, it } from "vitest"
import { to15 } from "@/lib/emulator/ids"
import { LOGIN_API_ONLY, LOGIN_RESTRICTED } from "@/lib/emulator/interactive/login-policy"
import { LOGIN_FAILED } from "@/lib/emulator/pages/login-page"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { applyOrgPatch, type OrgPatch } from "@/lib/emulator/store/org-patch"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { createTestOrg, jsonOf, type TestOrg } from "../../_helpers/org"

/**
 * `/secur/frontdoor.jsp` opens a UI session without a password, so it must refuse whoever the login
 * page refuses (docs/fidelity.md, F-102, F-176, F-178 to F-180): a token is no way around them.
 */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
let t: TestOrg

beforeEach(async () => {
  t = await createTestOrg({ baseUrl: "http://org.test", loginHostUrl: "http://login.org.test" })
})
afterEach(() => t.close())

const patch = (p: OrgPatch) => applyOrgPatch(t.org.ctx.db, t.org.credentials.clientId, p)

/** A live `api web` token for the administrator, as a JWT Bearer grant gives before any policy. */
const webToken = () =>
  mintAccessToken(
    t.org.ctx.db,
    to15(ORG.Id),
    { clientId: t.org.credentials.clientId, userId: ADMIN.Id, scopes: ["api", "web"] },
    t.clock.now(),
    60 * 60_000,
  ).token

const viaSid = (token: string, origin = "http://org.test") =>
  t.call(
    `${origin}/secur/frontdoor.jsp?sid=${encodeURIComponent(token)}&retURL=${encodeURIComponent("/settings")}`,
  )

async function viaOtp(token: string): Promise<Response> {
  const minted = await t.call("/services/oauth2/singleaccess", {
    method: "POST",
    headers: { authorization: `Bearer ${token}` },
  })
  return t.call(String((await jsonOf(minted)).frontdoor_uri))
}

/** Frontdoor gave the login page's answer: its text (up to the first apostrophe) and status, no session. */
async function expectRefused(res: Response, text: string, status: number) {
  expect(res.status).toBe(status)
  expect(await res.text()).toContain(text.slice(0, 40))
  expect(res.headers.getSetCookie().some((c) => /^(__Secure-)?sid=[^;]/.test(c))).toBe(false)
}

describe("frontdoor.jsp applies the login page's policies", () => {
  it("S-200 F-102 F-178 an API Only user's token opens no UI session, by sid= or by a one-time URL", async () => {
    const token = webToken()
    patch({ users: { [ADMIN.Username]: { apiOnly: true } } })
    await expectRefused(await viaSid(token), LOGIN_API_ONLY, 403)
    await expectRefused(await viaOtp(token), LOGIN_API_ONLY, 403)
    patch({ users: { [ADMIN.Username]: { apiOnly: false } } })
    expect((await viaSid(token)).headers.get("location")).toBe("/settings")
  })

  it("S-200 F-102 F-179 a token issued before the freeze opens no session once the user is frozen", async () => {
    const token = webToken()
    patch({ users: { [ADMIN.Username]: { frozen: true } } })
    await expectRefused(await viaSid(token), LOGIN_RESTRICTED, 403)
  })

  it("S-200 F-102 F-180 from outside the user's Login IP Ranges frontdoor refuses as the login page does", async () => {
    const token = webToken()
    patch({ users: { [ADMIN.Username]: { loginIpRanges: "10.0.0.0-10.255.255.255" } } })
    await expectRefused(await viaSid(token), LOGIN_RESTRICTED, 403)
    patch({ users: { [ADMIN.Username]: { loginIpRanges: "127.0.0.1" } } })
    expect((await viaSid(token)).headers.get("location")).toBe("/settings")
  })

  it("S-200 F-102 F-176 with Prevent login from the generic login host, frontdoor there fails; My Domain works", async () => {
    const token = webToken()
    patch({ settings: { preventLoginAtLoginHost: true } })
    await expectRefused(await viaSid(token, "http://login.org.test"), LOGIN_FAILED, 401)
    expect((await viaSid(token)).headers.get("location")).toBe("/settings")
  })
})
