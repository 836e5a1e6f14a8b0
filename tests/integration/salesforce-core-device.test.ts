import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type * as SfCore from "@salesforce/core"
import { answerDevice, loggedInBrowser } from "../_helpers/device"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The Salesforce CLI's own Device flow (@salesforce/core's DeviceOauthService, what
 * `sf org login device` runs) against the embedded org over a loopback socket: multipart requests
 * (F-151), the answer's shape (F-140), pending polls and the tokens (F-145).
 */
const ENV = {
  SF_USE_GENERIC_UNIX_KEYCHAIN: "true",
  SF_DISABLE_LOG_FILE: "true",
  HTTP_TIMEOUT: "5000",
}
const saved: Record<string, string | undefined> = {}
let sf: typeof SfCore
let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
let home: string
const contentTypes: string[] = []

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-sfcore-device-"))
  for (const [k, v] of Object.entries({ ...ENV, HOME: home })) {
    saved[k] = process.env[k]
    process.env[k] = v
  }
  sf = await import("@salesforce/core")
  server = await serve(async (req) => {
    if (new URL(req.url).pathname.endsWith("/services/oauth2/token"))
      contentTypes.push(req.headers.get("content-type") ?? "")
    return t.org.handle(req)
  })
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
})
afterAll(async () => {
  t.close()
  await server.close()
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  fs.rmSync(home, { recursive: true, force: true })
})

describe("@salesforce/core's Device flow", () => {
  it("F-140 F-145 F-151 DeviceOauthService gets a code, polls while pending, and gets the tokens once allowed", async () => {
    const service = await sf.DeviceOauthService.create({
      clientId: t.org.credentials.clientId,
      loginUrl: t.base,
    })
    const login = await service.requestDeviceLogin()
    expect(login.verification_uri).toBe(`${t.base}/setup/connect`)
    expect(login.interval).toBe(5)
    const approval = service.awaitDeviceApproval(login)
    // The first poll comes at once and is pending; the person allows access a moment later.
    await new Promise((resolve) => setTimeout(resolve, 1_000))
    await answerDevice(await loggedInBrowser(t), login.user_code, "allow")
    const tokens = await approval
    expect(tokens?.access_token).toBeTruthy()
    expect(tokens?.refresh_token).toBeTruthy()
    expect(tokens?.instance_url).toBe(t.base)
    expect(contentTypes.length).toBeGreaterThanOrEqual(3)
    expect(contentTypes.every((c) => c.startsWith("multipart/form-data"))).toBe(true)
  }, 30_000)
})
