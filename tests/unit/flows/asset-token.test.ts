import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { USERS } from "@/lib/emulator/seed/records"
import { saveAssetTokenSettings } from "@/lib/emulator/store/asset-token-settings"
import { saveClientCredentialsSettings } from "@/lib/emulator/store/client-credentials"
import {
  cookieHeader,
  failureOf,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/** The site's Asset Token flow (lib/flows/asset-token.ts) against a served org. */
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const DEVICE = { deviceId: "thermostat-7", name: "Porch thermostat", serialNumber: "SN-7" }

let h: SiteHarness
beforeAll(async () => {
  h = await startSiteHarness()
})
afterAll(async () => h.close())
beforeEach(() => {
  h.reset()
  saveClientCredentialsSettings(h.t.org.ctx.db, h.clientId, {
    enabled: true,
    runAsUserId: ADMIN.Id,
  })
})

/** A signed-in session (Client Credentials, one call) as the browser's Cookie header. */
async function signedIn(): Promise<string> {
  const { runClientCredentials } = await import("@/lib/flows/client-credentials")
  return cookieHeader((await runClientCredentials("body")).cookies)
}
async function run(cookie: string | null, device = DEVICE, sign = true) {
  const { runAssetToken } = await import("@/lib/flows/asset-token")
  return runAssetToken(cookie, device, sign)
}

describe("the Asset Token flow", () => {
  it("F-250 exchanges the session's access token and a signed actor token; the inspector's check verifies the asset token with the org's keys", async () => {
    const cookie = await signedIn()
    const before = (await sessionOf([cookie]))!
    const r = await run(cookie)
    expect(r.location).toBe("/inspector#asset-token")
    const s = (await sessionOf(r.cookies))!
    expect(s.user.username).toBe(ADMIN.Username)
    expect(s.tokens.accessToken).toBe(before.tokens.accessToken)
    expect(s.assetToken?.expiresIn).toBe(600)
    const sent = Object.fromEntries(new URLSearchParams(h.tokenCalls().at(-1)!.body))
    expect(sent).toMatchObject({
      grant_type: "urn:ietf:params:oauth:grant-type:token-exchange",
      subject_token: before.tokens.accessToken,
      subject_token_type: "urn:ietf:params:oauth:token-type:access_token",
      actor_token_type: "urn:ietf:params:oauth:token-type:jwt",
    })
    expect(sent.client_secret).toBeUndefined()
    const { readFacts } = await import("@/lib/transcript/store")
    const { assetTokenCheck } = await import("@/lib/inspector/asset-token-check")
    const check = await assetTokenCheck(s, h.loginUrl, readFacts(s.transcriptId).jwks)
    expect(check?.status, check?.detail).toBe("pass")
    // Expired later: the signature still verifies, the page says the token expired.
    const later = await assetTokenCheck(
      s,
      h.loginUrl,
      readFacts(s.transcriptId).jwks,
      Date.now() + 3600_000,
    )
    expect(later).toMatchObject({ status: "fail", detail: expect.stringMatching(/has expired/) })
    // A token signed by anyone else fails.
    const forged = { ...s, assetToken: { ...s.assetToken!, token: s.assetToken!.actorToken } }
    expect(
      (await assetTokenCheck(forged, h.loginUrl, readFacts(s.transcriptId).jwks))?.status,
    ).toBe("fail")
  })

  it("C-190 the transcript shows the subject token redacted, and the access token nowhere", async () => {
    const cookie = await signedIn()
    const before = (await sessionOf([cookie]))!
    const r = await run(cookie)
    const s = (await sessionOf(r.cookies))!
    const { flushEntries, readTranscript } = await import("@/lib/transcript/store")
    flushEntries()
    const text = JSON.stringify(readTranscript(s.transcriptId))
    expect(text).toContain("subject_token=[REDACTED subject_token")
    expect(text).not.toContain(before.tokens.accessToken)
    expect(text).not.toContain(s.assetToken!.token)
  })

  it("C-191 with nobody signed in, nothing is sent and the error page says to sign in first", async () => {
    const r = await run(null)
    expect(r.location).toBe("/flows/error")
    expect(await failureOf(r.cookies)).toMatchObject({ flow: "asset-token", code: "NO_SESSION" })
    expect(h.tokenCalls()).toEqual([])
  })

  it("C-192 device claims are validated before anything is sent", async () => {
    const cookie = await signedIn()
    const calls = h.tokenCalls().length
    for (const bad of [
      { ...DEVICE, deviceId: "" },
      { ...DEVICE, name: "x".repeat(81) },
      { ...DEVICE, serialNumber: '<script>"' },
    ]) {
      const r = await run(cookie, bad)
      expect(await failureOf(r.cookies)).toMatchObject({ code: "ASSET_CLAIMS_INVALID" })
    }
    expect(h.tokenCalls().length).toBe(calls)
  })

  it("F-251 the org's refusal reaches the error page with Salesforce's words and the transcript", async () => {
    const cookie = await signedIn()
    saveAssetTokenSettings(h.t.org.ctx.db, h.clientId, {
      enabled: false,
      minutes: 10,
      audiences: ["https://x.example.com"],
      requireSignedActor: false,
    })
    const r = await run(cookie, DEVICE, false)
    expect(r.location).toBe("/flows/error")
    expect(await failureOf(r.cookies)).toMatchObject({
      flow: "asset-token",
      error: "unauthorized_client",
      errorDescription: "asset tokens are not enabled for this app",
      transcriptId: expect.any(String),
    })
  })
})
