import { execFile } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { clientCredentialsSnippets } from "@/lib/flows/snippets/client-credentials"
import { usernamePasswordSnippets } from "@/lib/flows/snippets/username-password"
import { USERS } from "@/lib/emulator/seed/records"
import { saveClientCredentialsSettings } from "@/lib/emulator/store/client-credentials"
import { getSettings, saveSettings } from "@/lib/emulator/store/settings"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The "code to copy" of the Client Credentials and Username-Password pages, run as they are shown:
 * each snippet is written to a .mjs file and run by Node (resolving jsforce from this repository's
 * node_modules) against an org served on loopback, with only the environment a reader would set.
 */
const run = promisify(execFile)
const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const DEMO = USERS.find((u) => u.Username === "demo@example.com")!

let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
let dir: string
let loginHost: string

beforeAll(async () => {
  server = await serve((req) => t.org.handle(req))
  // The same server answers as My Domain (127.0.0.1) and as the generic login host (localhost).
  loginHost = server.origin.replace("127.0.0.1", "localhost")
  t = await createTestOrg({ baseUrl: server.origin, loginHostUrl: loginHost, now: Date.now })
  saveClientCredentialsSettings(t.org.ctx.db, t.org.credentials.clientId, {
    enabled: true,
    runAsUserId: ADMIN.Id,
  })
  saveSettings(t.org.ctx.db, { ...getSettings(t.org.ctx.db), allowUsernamePasswordFlow: true })
  fs.mkdirSync(path.join(process.cwd(), ".data"), { recursive: true })
  dir = fs.mkdtempSync(path.join(process.cwd(), ".data", "snippets-"))
})
afterAll(async () => {
  t.close()
  await server.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

async function runSnippet(name: string, code: string, env: Record<string, string>) {
  const file = path.join(dir, `${name}.mjs`)
  fs.writeFileSync(file, code)
  const { stdout } = await run(process.execPath, [file], {
    env: {
      NODE_ENV: "production",
      PATH: process.env.PATH ?? "",
      SF_CLIENT_ID: t.org.credentials.clientId,
      SF_CLIENT_SECRET: t.org.credentials.clientSecret,
      ...env,
    },
    timeout: 20_000,
  })
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>
}

describe("the Client Credentials page's code", () => {
  for (const via of ["body", "basic"] as const) {
    for (const sample of clientCredentialsSnippets("http://unused.example", via)) {
      it(`the ${sample.id} code (secret ${via === "basic" ? "as HTTP Basic" : "in the body"}) gets a token for the Run-As user`, async () => {
        const out = await runSnippet(`cc-${via}-${sample.id}`, sample.code, {
          SF_LOGIN_URL: server.origin,
        })
        expect(out).toEqual({ runAs: ADMIN.Username, instanceUrl: server.origin })
      })
    }
  }

  it("F-121 the fetch code, pointed at the generic login host, fails with Salesforce's answer", async () => {
    const sample = clientCredentialsSnippets(loginHost, "body").find((s) => s.id === "fetch")!
    await expect(
      runSnippet("cc-wrong-host", sample.code, { SF_LOGIN_URL: loginHost }),
    ).rejects.toThrow(/invalid_grant: request not supported on this domain/)
  })

  it("puts the page's login URL in the code as the default, and no secret", () => {
    for (const s of clientCredentialsSnippets("https://acme.my.salesforce.com", "basic")) {
      expect(s.code).toContain('"https://acme.my.salesforce.com"')
      expect(s.code).not.toContain(t.org.credentials.clientSecret)
    }
  })
})

describe("the Username-Password page's code", () => {
  for (const sample of usernamePasswordSnippets("http://unused.example")) {
    it(`the ${sample.id} code signs in with the username and password from the environment`, async () => {
      const out = await runSnippet(`up-${sample.id}`, sample.code, {
        SF_LOGIN_URL: server.origin,
        SF_USERNAME: DEMO.Username,
        SF_PASSWORD: DEMO.password,
      })
      expect(out).toEqual({ user: DEMO.Username, instanceUrl: server.origin })
    })
  }
})
