import { execFile } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { assetTokenSnippets } from "@/lib/flows/snippets/asset-token"
import { to15 } from "@/lib/emulator/ids"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/** The Asset Token page's code to copy, run as shown, against an org served on loopback. */
const run = promisify(execFile)
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!

let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
let dir: string

beforeAll(async () => {
  server = await serve((req) => t.org.handle(req))
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
  fs.mkdirSync(path.join(process.cwd(), ".data"), { recursive: true })
  dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "snippets-"))
})
afterAll(async () => {
  t.close()
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

const accessToken = () =>
  mintAccessToken(
    t.org.ctx.db,
    to15(ORG.Id),
    { clientId: t.org.credentials.clientId, userId: ADMIN.Id, scopes: ["api"] },
    Date.now(),
    3600_000,
  ).token

async function runSnippet(env: Record<string, string>) {
  const sample = assetTokenSnippets("http://unused.example")[0]!
  const file = path.join(dir, "asset-token.mjs")
  fs.writeFileSync(file, sample.code)
  const { stdout } = await run(process.execPath, [file], {
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      SF_LOGIN_URL: server.origin,
      ...env,
    },
    timeout: 20_000,
  })
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>
}

describe("the Asset Token page's code", () => {
  it("F-250 gets an asset token with an unsigned actor token and verifies it with the org's /id/keys", async () => {
    expect(await runSnippet({ SF_ACCESS_TOKEN: accessToken() })).toEqual({
      verified: true,
      did: "thermostat-0042",
      aud: ["https://device-backend.example.com"],
      expiresIn: 600,
    })
  })

  it("F-250 signs the actor token with SF_DEVICE_KEY_FILE (cnf proof of possession)", async () => {
    const keyFile = path.join(dir, "device.key")
    fs.writeFileSync(
      keyFile,
      crypto
        .generateKeyPairSync("rsa", { modulusLength: 2048 })
        .privateKey.export({ type: "pkcs8", format: "pem" }),
    )
    const out = await runSnippet({ SF_ACCESS_TOKEN: accessToken(), SF_DEVICE_KEY_FILE: keyFile })
    expect(out.verified).toBe(true)
  })

  it("F-251 fails with the org's answer for an unknown access token", async () => {
    await expect(runSnippet({ SF_ACCESS_TOKEN: "00Dnot!valid" })).rejects.toThrow(
      /invalid_request: invalid subject token/,
    )
  })
})
