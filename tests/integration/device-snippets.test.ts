import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest"
import { DEVICE_FETCH_SNIPPET, DEVICE_JSFORCE_SNIPPET } from "@/lib/flows/device-snippets"
import { answerDevice, loggedInBrowser } from "../_helpers/device"
import { createTestOrg, type TestOrg } from "../_helpers/org"
import { serve } from "../_helpers/serve"

/**
 * The Device flow's "code to copy", run as the page shows it: a node process against the embedded
 * org on a loopback socket, while a person (the test's browser) enters the code and allows access.
 */
let server: { origin: string; close: () => Promise<void> }
let t: TestOrg
const ROOT = path.resolve(__dirname, "../..")

beforeAll(async () => {
  server = await serve((req) => t.org.handle(req))
})
afterAll(() => server.close())
beforeEach(async () => {
  t = await createTestOrg({ baseUrl: server.origin, now: Date.now })
})
afterEach(() => {
  t.close()
  fs.rmSync(t.dataDir, { recursive: true, force: true })
})

/** Runs `source` as an ES module next to the project's node_modules; allows access when asked. */
async function runSnippet(source: string): Promise<{ code: number | null; out: string }> {
  // Inside node_modules/.cache so `import "jsforce"` resolves, and git never sees the file.
  const cache = path.join(ROOT, "node_modules/.cache")
  fs.mkdirSync(cache, { recursive: true })
  const dir = fs.mkdtempSync(path.join(cache, "device-snippet-"))
  const file = path.join(dir, "device.mjs")
  fs.writeFileSync(file, source)
  const child = spawn(process.execPath, [file], {
    env: { ...process.env, SF_LOGIN_URL: t.base, SF_CLIENT_ID: t.org.credentials.clientId },
  })
  let out = ""
  let allowed = false
  child.stderr.on("data", (d: Buffer) => (out += d.toString()))
  const done = new Promise<number | null>((resolve) => child.on("close", resolve))
  child.stdout.on("data", (d: Buffer) => {
    out += d.toString()
    const m = /enter the code (\w+)/.exec(out)
    if (m && !allowed) {
      allowed = true
      void loggedInBrowser(t).then((b) => answerDevice(b, m[1]!, "allow"))
    }
  })
  const code = await done
  fs.rmSync(dir, { recursive: true, force: true })
  return { code, out }
}

describe("the Device flow's code to copy", () => {
  it("the fetch snippet signs in once the person allows access", async () => {
    const { code, out } = await runSnippet(DEVICE_FETCH_SNIPPET)
    expect(out).toMatch(/Open http:\/\/127\.0\.0\.1:\d+\/setup\/connect and enter the code \w{8}/)
    expect(out).toContain("Signed in as demo@example.com")
    expect(code).toBe(0)
  }, 30_000)

  it("the jsforce snippet hands the tokens to a jsforce Connection", async () => {
    const { code, out } = await runSnippet(DEVICE_JSFORCE_SNIPPET)
    expect(out).toContain("Signed in as demo@example.com")
    expect(code).toBe(0)
  }, 30_000)
})
