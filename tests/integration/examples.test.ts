import { execFile } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { promisify } from "node:util"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ORG } from "@/lib/emulator/seed/records"
import { JWT_GRANT, signAssertion, standardClaims } from "../_helpers/assertions"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The README's snippets (examples/*.mjs) run as a reader would run them, `node examples/x.mjs`
 * with the org's URL and credentials in the environment, against an org served over HTTP.
 */

const ROOT = path.resolve(__dirname, "../..")
const run = promisify(execFile)
let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
let home: string
let keyFile: string

beforeAll(async () => {
  server = await serve((req) => t.org.handle(req))
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
  home = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-examples-home-"))
  keyFile = path.join(home, "server.key")
  fs.writeFileSync(keyFile, t.org.credentials.privateKeyPem, { mode: 0o600 })
})
afterAll(async () => {
  await server.close()
  t.close()
  fs.rmSync(t.dataDir, { recursive: true, force: true })
  fs.rmSync(home, { recursive: true, force: true })
})

/** An access token for the pre-authorized admin (it carries `api` and `web`). */
async function accessToken(): Promise<string> {
  const { clientId, privateKeyPem } = t.org.credentials
  const assertion = await signAssertion(
    privateKeyPem,
    standardClaims(clientId, t.base, "admin@example.com", Date.now()),
  )
  const res = await t.call(`${t.base}/services/oauth2/token`, {
    form: { grant_type: JWT_GRANT, assertion },
  })
  return ((await res.json()) as { access_token: string }).access_token
}

async function example(name: string, env: Record<string, string>): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join("examples", name)], {
    cwd: ROOT,
    timeout: 60_000,
    env: {
      NODE_ENV: "test",
      PATH: process.env.PATH ?? "",
      HOME: home,
      // sf core: no keyring, no log files (tests/_helpers/sf-core.ts).
      SF_USE_GENERIC_UNIX_KEYCHAIN: "true",
      SF_DISABLE_LOG_FILE: "true",
      ORG_URL: t.base,
      ...env,
    },
  })
  return stdout
}

describe("examples/ (the README snippets)", () => {
  it("jsforce-query.mjs reads the identity and every Account through queryMore", async () => {
    const out = await example("jsforce-query.mjs", { ACCESS_TOKEN: await accessToken() })
    expect(out).toContain("Logged in as admin@example.com\n7 accounts\n- Edge Communications\n")
  })

  it("jsforce-crud.mjs creates, updates, reads, deletes and describes an Account", async () => {
    const out = await example("jsforce-crud.mjs", { ACCESS_TOKEN: await accessToken() })
    expect(out).toMatch(/^Created 001\w{15}\nExample Corp is in Lyon\nDeleted\n/)
    expect(out).toContain("Account fields: Id, Name, Type, Industry, BillingCity")
  })

  it("sf-core-jwt.mjs logs in with sf core's JWT flow and queries", async () => {
    const out = await example("sf-core-jwt.mjs", {
      CLIENT_ID: t.org.credentials.clientId,
      KEY_FILE: keyFile,
      ORG_USERNAME: "admin@example.com",
    })
    expect(out).toContain(`Logged in as admin@example.com to org ${ORG.Id} at ${t.base}\n`)
    expect(out).toContain("- Edge Communications\n")
  })

  it("sf-core-access-token.mjs finds the token's user, the Dev Hub answer and a frontdoor URL", async () => {
    const out = await example("sf-core-access-token.mjs", { ACCESS_TOKEN: await accessToken() })
    expect(out).toContain(`The token belongs to admin@example.com in org ${ORG.Id}\n`)
    expect(out).toContain("Dev Hub: false\n")
    expect(out).toMatch(new RegExp(`Open: ${t.base}/secur/frontdoor\\.jsp\\?otp=[\\w-]+\\n`))
  })
})
