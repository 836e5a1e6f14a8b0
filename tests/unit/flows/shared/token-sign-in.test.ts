import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import {
  failureOf,
  sessionOf,
  startSiteHarness,
  webServerCallback,
  type SiteHarness,
} from "../../../_helpers/site-harness"

/**
 * The end of the server-side flows (lib/flows/shared/token-sign-in.ts): a check that fails after
 * Salesforce issued tokens leaves none of them live (docs/security.md, *Actors*: "tokens issued
 * before a failed check are revoked"). Token Exchange answers carry a refresh token, which outlives
 * its access token: revoking it revokes the access tokens issued with it (RFC 7009 §2.1).
 */
let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => h.reset())

/** A token response with a refresh token, as the Token Exchange grant gives one. */
async function issueWithRefresh() {
  const { unsealCookie } = await import("@/lib/auth/sealed-cookie")
  const { orgConnection, clientFor, recorderFor } = await import("@/lib/org/connection")
  const { callback, cookie } = await webServerCallback(h)
  const saved = await unsealCookie<{ verifier: string }>(
    cookie,
    "sfl_web_server",
    "web server flow",
  )
  const org = await orgConnection()
  const recorder = recorderFor(org)
  const client = clientFor(org, recorder)
  const response = await client.exchangeCode(
    callback.searchParams.get("code")!,
    org.callbacks.webServer,
    saved!.verifier,
  )
  return { org, recorder, client, response }
}

describe("a sign-in whose check fails after the token request", () => {
  it("revokes the refresh token too: neither it nor the access token stays active, and no session opens", async () => {
    const { signInWithTokenRequest } = await import("@/lib/flows/shared/token-sign-in")
    const { org, recorder, client, response } = await issueWithRefresh()
    expect(response.refresh_token).toBeTruthy()
    // The identity URL fails after the tokens were issued (a transient 503).
    h.fault = (req, res) =>
      new URL(req.url).pathname.includes("/id/00D") ? new Response("down", { status: 503 }) : res
    const r = await signInWithTokenRequest(
      "token-exchange",
      org,
      client,
      recorder,
      async () => response,
    )
    h.fault = undefined
    expect(r.location).toBe("/flows/error")
    expect(await sessionOf(r.cookies)).toBeUndefined()
    expect(await failureOf(r.cookies)).toMatchObject({ flow: "token-exchange" })
    expect((await client.introspect(response.refresh_token!, "refresh_token")).active).toBe(false)
    expect((await client.introspect(response.access_token)).active).toBe(false)
    await expect(client.refresh(response.refresh_token!)).rejects.toMatchObject({
      error: "invalid_grant",
    })
  })
})
