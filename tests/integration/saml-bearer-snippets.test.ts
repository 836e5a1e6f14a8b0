import fs from "node:fs"
import path from "node:path"
import * as prettier from "prettier"
import { describe, expect, it } from "vitest"
import { ACCOUNTS } from "@/lib/emulator/seed/records"
import {
  SAML_BEARER_FETCH_SNIPPET,
  SAML_BEARER_JSFORCE_SNIPPET,
} from "@/lib/flows/saml-bearer-snippets"
import { startSnippet } from "../_helpers/node-snippet"
import { servedOrgPerTest } from "../_helpers/served-org"

/**
 * The SAML Bearer page's "Code to copy", run as the page shows it: a node process against the
 * embedded org served at its two loopback origins (My Domain and the generic login host).
 */
const s = servedOrgPerTest()

async function run(source: string, username: string) {
  const keyFile = path.join(s.t.dataDir, "app.key")
  fs.writeFileSync(keyFile, s.t.org.credentials.privateKeyPem)
  const app = startSnippet(source, {
    SF_LOGIN_URL: s.t.base,
    SF_CLIENT_ID: s.t.org.credentials.clientId,
    SF_USERNAME: username,
    SF_KEY_FILE: keyFile,
    // The org's stand-in for login.salesforce.com, as the site's assertion names it.
    SF_AUDIENCE: s.loginHost.origin,
  })
  return { code: await app.exited, out: app.output() }
}

const accounts = new Set(ACCOUNTS.map((a) => `${a.Id} ${a.Name}`))

describe("the SAML Bearer flow's code to copy", () => {
  for (const [name, source] of [
    ["fetch", SAML_BEARER_FETCH_SNIPPET],
    ["jsforce", SAML_BEARER_JSFORCE_SNIPPET],
  ] as const) {
    it(`the ${name} program signs the assertion with xml-crypto, gets a token and lists five accounts`, async () => {
      const { code, out } = await run(source, "admin@example.com")
      const lines = out.trim().split("\n")
      expect(lines).toHaveLength(5)
      for (const line of lines) expect(accounts.has(line)).toBe(true)
      expect(code).toBe(0)
    }, 30_000)

    it(`the ${name} program stops with Salesforce's error for a user who has not approved the app`, async () => {
      const { code, out } = await run(source, "demo@example.com")
      expect(out).toContain("user hasn't approved this consumer")
      expect(code).not.toBe(0)
    }, 30_000)
  }

  it("both programs are formatted with the repository's Prettier settings", async () => {
    const options = { ...(await prettier.resolveConfig(__filename)), parser: "babel" }
    for (const source of [SAML_BEARER_FETCH_SNIPPET, SAML_BEARER_JSFORCE_SNIPPET])
      expect(await prettier.format(source, options)).toBe(source)
  })
})
