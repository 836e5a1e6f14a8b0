import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  failureOf,
  sessionOf,
  signedInWebServer,
  startSiteHarness,
  userAgentFragment,
  type SiteHarness,
} from "../../_helpers/site-harness"

/**
 * The User-Agent hand-off (lib/flows/user-agent.ts) once the org has proven the fragment's token
 * this app's: a later check that fails leaves it dead, not live (docs/security.md, *Actors*:
 * "tokens issued before a failed check are revoked"). Before that proof the token may be anyone's,
 * and the site leaves it alone (user-agent-complete.test.ts, C-23, C-25).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

const identityDown = (req: Request, res: Response) =>
  new URL(req.url).pathname.includes("/id/00D") ? new Response("down", { status: 503 }) : res

async function orgClient() {
  const { clientFor, orgConnection } = await import("@/lib/org/connection")
  return clientFor(await orgConnection())
}

describe("a User-Agent sign-in that fails after the fragment's token was proven", () => {
  it("revokes the token: it is no longer active, and no session opens", async () => {
    const { completeUserAgent } = await import("@/lib/flows/user-agent")
    const { fragment, cookie } = await userAgentFragment(h)
    h.fault = identityDown
    const r = await completeUserAgent(fragment, cookie)
    h.fault = undefined
    expect(r.location).toBe("/flows/error")
    expect(await sessionOf(r.cookies)).toBeUndefined()
    expect(await failureOf(r.cookies)).toMatchObject({ flow: "user-agent" })
    expect(h.paths()).toContain("/services/oauth2/revoke")
    expect((await (await orgClient()).introspect(fragment.access_token!)).active).toBe(false)
  })

  it("revokes a refresh token the fragment carries as well as the access token", async () => {
    // Salesforce puts a refresh token in the fragment only for a custom-scheme or
    // /services/oauth2/success callback; the site's never is one, but a refresh token that came
    // would outlive the access token. One from a code exchange stands in for it, and the identity
    // URL then fails after the proven access token.
    const { completeUserAgent } = await import("@/lib/flows/user-agent")
    const { session } = await signedInWebServer(h)
    const refresh = session.tokens.refreshToken!
    expect(refresh).toBeTruthy()
    const { fragment, cookie } = await userAgentFragment(h)
    h.reset()
    h.fault = identityDown
    const r = await completeUserAgent({ ...fragment, refresh_token: refresh }, cookie)
    h.fault = undefined
    expect(r.location).toBe("/flows/error")
    const client = await orgClient()
    expect((await client.introspect(refresh, "refresh_token")).active).toBe(false)
    expect((await client.introspect(fragment.access_token!)).active).toBe(false)
  })
})
