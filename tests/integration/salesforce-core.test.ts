// Over 200 lines: one suite, @salesforce/core against a running org, sharing its server.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { decodeJwt } from "jose"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import type * as SfCore from "@salesforce/core"
import { LATEST_API_VERSION } from "@/lib/emulator/rest/versions"
import { ACCOUNTS, ORG, USERS } from "@/lib/emulator/seed/records"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * @salesforce/core 8.32.6 (the library behind the `sf` CLI) logging in to the embedded org with
 * its own JWT bearer flow, over a real loopback socket. sf core writes its auth files under $HOME,
 * so HOME points at a temporary folder for the whole file.
 */

const ADMIN = USERS.find((u) => u.Username === "admin@example.com")!
const ACCOUNT_IDS = new Set<string>(ACCOUNTS.map((a) => a.Id))

const ENV = {
  // Never touch the machine's keyring: keep sf core's encryption key in $HOME/.sfdx/key.json.
  SF_USE_GENERIC_UNIX_KEYCHAIN: "true",
  // Log to memory, not through a pino worker writing $HOME/.sf/*.log.
  SF_DISABLE_LOG_FILE: "true",
  // Per-request timeout jsforce reads when it loads: bounds sf core's retries on real Salesforce hosts.
  HTTP_TIMEOUT: "5000",
}
const savedEnv: Record<string, string | undefined> = {}

let sf: typeof SfCore
let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
let home: string
let keyFile: string
/** What sf core asked the org for, in order: `METHOD path?query`. */
const requests: string[] = []
/** The JWT assertions sf core signed. */
const assertions: string[] = []
/** Lifecycle warnings (sf core warns about http: URLs instead of refusing them). */
const warnings: string[] = []

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-sfcore-home-"))
  for (const [k, v] of Object.entries({ ...ENV, HOME: home })) {
    savedEnv[k] = process.env[k]
    process.env[k] = v
  }
  sf = await import("@salesforce/core")
  sf.Lifecycle.getInstance().onWarning(async (w) => {
    warnings.push(w)
  })

  server = await serve(async (req) => {
    const url = new URL(req.url)
    requests.push(`${req.method} ${url.pathname}${url.search}`)
    if (req.method === "POST" && url.pathname.endsWith("/services/oauth2/token")) {
      const assertion = new URLSearchParams(await req.clone().text()).get("assertion")
      if (assertion) assertions.push(assertion)
    }
    return t.org.handle(req)
  })
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
  keyFile = path.join(home, "server.key")
  fs.writeFileSync(keyFile, t.org.credentials.privateKeyPem, { mode: 0o600 })
})

afterAll(async () => {
  await server?.close()
  t?.close()
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k]
    else process.env[k] = v
  }
  if (t) fs.rmSync(t.dataDir, { recursive: true, force: true })
  fs.rmSync(home, { recursive: true, force: true })
})

const oauth2Options = () => ({
  clientId: t.org.credentials.clientId,
  loginUrl: t.base,
  privateKeyFile: keyFile,
})

describe("@salesforce/core JWT bearer flow", () => {
  it("creates an AuthInfo for the preauthorized admin on the first try", async () => {
    requests.length = 0
    assertions.length = 0
    const authInfo = await sf.AuthInfo.create({
      username: "admin@example.com",
      oauth2Options: oauth2Options(),
    })

    // One token request: the org accepted sf core's own assertion, so no other audience was tried.
    expect(
      requests.filter((r) => r.startsWith("POST ") && r.includes("/services/oauth2/token")),
    ).toHaveLength(1)
    expect(assertions).toHaveLength(1)
    const claims = decodeJwt(assertions[0]!)
    expect(claims).toMatchObject({
      iss: t.org.credentials.clientId,
      sub: "admin@example.com",
      aud: t.base,
    })
    // sf core signs `exp` in milliseconds; Salesforce (and the org) accept it.
    expect(claims.exp).toBeGreaterThan(1e12)
    expect(warnings).toContain(`Using insecure protocol: http: on url: ${server.origin}`)

    const fields = authInfo.getFields(true)
    expect(fields.username).toBe("admin@example.com")
    // The 18-character org id from the identity URL.
    expect(fields.orgId).toBe(ORG.Id)
    expect(fields.orgId).toHaveLength(18)
    expect(fields.instanceUrl).toBe(t.base)
    expect(fields.loginUrl).toBe(t.base)
    expect(fields.clientId).toBe(t.org.credentials.clientId)
    expect(fields.accessToken).toMatch(new RegExp(`^${ORG.Id.slice(0, 15)}!`))
    expect(fields.isDevHub).toBe(false)
    // From GET /services/data (the newest version) and the Organization query.
    expect(fields.instanceApiVersion).toBe(LATEST_API_VERSION)
    expect(fields.orgEdition).toBe(ORG.OrganizationType)
    expect(fields.name).toBe(ORG.Name)
    expect(fields.instanceName).toBe(ORG.InstanceName)
    expect(fields.isSandbox).toBe(false)
    expect(fields.isScratch).toBe(false)
    expect(requests).toContain("GET /services/data")
    expect(
      requests.some(
        (r) =>
          r.startsWith(`GET /services/data/v${LATEST_API_VERSION}/query?`) &&
          decodeURIComponent(r).includes(" FROM Organization"),
      ),
    ).toBe(true)

    // The auth file went to the temporary HOME, with the token encrypted.
    const authFile = path.join(home, ".sfdx", "admin@example.com.json")
    expect(fs.existsSync(authFile)).toBe(true)
    const saved = JSON.parse(fs.readFileSync(authFile, "utf8")) as Record<string, unknown>
    expect(saved.orgId).toBe(ORG.Id)
    expect(saved.instanceUrl).toBe(t.base)
    expect(JSON.stringify(saved)).not.toContain(fields.accessToken!)

    const conn = await sf.Connection.create({ authInfo })
    expect(conn.instanceUrl).toBe(t.base)
    expect(conn.getApiVersion()).toBe(LATEST_API_VERSION)

    const result = await conn.query<{ Id: string; Name: string }>(
      "SELECT Id, Name FROM Account LIMIT 5",
    )
    expect(result.totalSize).toBe(5)
    expect(result.records).toHaveLength(5)
    for (const r of result.records) expect(ACCOUNT_IDS.has(r.Id)).toBe(true)

    const versions = await conn.request<{ version: string; url: string }[]>(
      `${conn.instanceUrl}/services/data`,
    )
    expect(versions.at(-1)).toMatchObject({
      version: LATEST_API_VERSION,
      url: `/services/data/v${LATEST_API_VERSION}`,
    })
    const resources = await conn.request<Record<string, string>>(conn.baseUrl())
    expect(resources.query).toBe(`/services/data/v${LATEST_API_VERSION}/query`)
  })

  it("reuses the authorization it saved under HOME", async () => {
    const authInfo = await sf.AuthInfo.create({ username: "admin@example.com" })
    expect(authInfo.getFields().orgId).toBe(ORG.Id)
    const conn = await sf.Connection.create({ authInfo })
    const result = await conn.query<{ Id: string; Name: string }>(
      "SELECT Id, Name FROM Account LIMIT 5",
    )
    expect(result.records).toHaveLength(5)
  })

  // A connection built from a bare token finds its identity URL as `identity` in
  // GET /services/data/vXX.X/, as against Salesforce.
  it("finds the identity URL through the resources by version in conn.identity()", async () => {
    const conn = await sf.Connection.create({
      authInfo: await sf.AuthInfo.create({ username: "admin@example.com" }),
    })
    const identity = await conn.identity()
    expect(identity.username).toBe("admin@example.com")
    expect(identity.user_id).toBe(ADMIN.Id)
    expect(identity.organization_id).toBe(ORG.Id)
  })

  it("rejects a user who has not approved the app", async () => {
    requests.length = 0
    const err = await sf.AuthInfo.create({
      username: "demo@example.com",
      oauth2Options: oauth2Options(),
    }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(Error)
    expect((err as Error).name).toBe("JwtAuthError")
    // sf core reports every (login URL, audience) it tried; the org's answer to its first try is there.
    expect((err as Error).message).toContain("user hasn't approved this consumer")
    // Its retries with Salesforce's audiences but the org's login URL reach the org and are refused.
    expect((err as Error).message).toContain("audience is invalid")
    expect(fs.existsSync(path.join(home, ".sfdx", "demo@example.com.json"))).toBe(false)
  }, 30_000)
})
