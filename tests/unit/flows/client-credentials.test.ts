import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest"
import { USERS } from "@/lib/emulator/seed/records"
import { saveClientCredentialsSettings } from "@/lib/emulator/store/client-credentials"
import {
  CLIENT_SECRET,
  failureOf,
  sessionOf,
  startSiteHarness,
  type SiteHarness,
} from "../../_helpers/site-harness"

/** The site's Client Credentials flow (lib/flows/client-credentials.ts) against a served org. */
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!

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

async function run(via: "body" | "basic") {
  const { runClientCredentials } = await import("@/lib/flows/client-credentials")
  return runClientCredentials(via)
}
async function transcriptOf(id: string) {
  const { flushEntries, readTranscript } = await import("@/lib/transcript/store")
  flushEntries()
  return readTranscript(id)
}

describe("the Client Credentials flow", () => {
  it("signs in as the app's Run-As user, with no refresh token and no id_token, the secret in the body", async () => {
    const r = await run("body")
    expect(r.location).toBe("/inspector")
    const s = (await sessionOf(r.cookies))!
    expect(s.flow).toBe("client-credentials")
    expect(s.user.username).toBe(ADMIN.Username)
    expect(s.tokens.refreshToken).toBeUndefined()
    expect(s.tokens.idToken).toBeUndefined()
    const sent = new URLSearchParams(h.tokenCalls()[0]!.body)
    expect(Object.fromEntries(sent)).toEqual({
      grant_type: "client_credentials",
      client_id: h.clientId,
      client_secret: CLIENT_SECRET,
    })
  })

  it("C-121 with HTTP Basic the body holds only the grant type; the transcript shows both ways with the secret redacted", async () => {
    const r = await run("basic")
    expect(r.location).toBe("/inspector")
    expect(h.tokenCalls()[0]!.body).toBe("grant_type=client_credentials")
    const s = (await sessionOf(r.cookies))!
    const entries = await transcriptOf(s.transcriptId)
    const token = entries.find(
      (e) => e.kind === "exchange" && e.exchange.url.endsWith("/services/oauth2/token"),
    )
    expect(token?.kind === "exchange" && token.exchange.requestHeaders.authorization).toBe(
      "Basic [REDACTED basic_credentials]",
    )
    expect(JSON.stringify(entries)).not.toContain(CLIENT_SECRET)
    expect(JSON.stringify(entries)).not.toContain(
      Buffer.from(`${h.clientId}:${CLIENT_SECRET}`).toString("base64"),
    )

    h.reset()
    const body = await run("body")
    const bodyEntries = await transcriptOf((await sessionOf(body.cookies))!.transcriptId)
    const bodyToken = bodyEntries.find((e) => e.kind === "exchange")
    expect(bodyToken?.kind === "exchange" && bodyToken.exchange.requestBody).toContain(
      "client_secret=[REDACTED client_secret]",
    )
    expect(JSON.stringify(bodyEntries)).not.toContain(CLIENT_SECRET)
  })

  it("goes to the error page with Salesforce's words when the app has no Run-As user", async () => {
    saveClientCredentialsSettings(h.t.org.ctx.db, h.clientId, { enabled: false })
    const r = await run("basic")
    expect(r.location).toBe("/flows/error")
    const f = (await failureOf(r.cookies))!
    expect(f).toMatchObject({
      flow: "client-credentials",
      error: "invalid_grant",
      errorDescription: "no client credentials user enabled",
    })
    expect(typeof f.transcriptId).toBe("string")
  })

  it("C-121 refuses a login URL that is not a My Domain without calling it (EF4), and /setup's rule agrees", async () => {
    const { isMyDomainLoginUrl } = await import("@/lib/salesforce/my-domain")
    expect(isMyDomainLoginUrl("https://login.salesforce.com")).toBe(false)
    expect(isMyDomainLoginUrl("https://test.salesforce.com")).toBe(false)
    expect(isMyDomainLoginUrl("https://acme.my.salesforce.com")).toBe(true)
    expect(isMyDomainLoginUrl("https://acme--uat.sandbox.my.salesforce.com")).toBe(true)
    expect(isMyDomainLoginUrl("http://127.0.0.1:3321")).toBe(true)
    expect(isMyDomainLoginUrl("http://localhost:3000/emulator")).toBe(true)
    expect(isMyDomainLoginUrl("http://login.example.com")).toBe(false)
    expect(isMyDomainLoginUrl("https://login.salesforce.com", { embedded: true })).toBe(true)

    const saved = process.env.SALESFORCE_LOGIN_URL
    process.env.SALESFORCE_LOGIN_URL = "https://login.salesforce.com"
    vi.resetModules()
    try {
      const r = await run("body")
      expect(r.location).toBe("/flows/error")
      expect(await failureOf(r.cookies)).toMatchObject({
        flow: "client-credentials",
        code: "NOT_MY_DOMAIN",
      })
      expect(h.tokenCalls()).toEqual([])
    } finally {
      process.env.SALESFORCE_LOGIN_URL = saved
      vi.resetModules()
    }
  })

  it("C-121 a real org has no generic login host to pick: the request goes to the configured My Domain", async () => {
    const { runClientCredentials } = await import("@/lib/flows/client-credentials")
    expect((await runClientCredentials("body", "login-host")).location).toBe("/inspector")
    expect(h.tokenCalls()).toHaveLength(1)
  })
})
