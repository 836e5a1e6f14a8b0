import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { afterAll, expect, it } from "vitest"
import { freePort, freePortPair, getAs } from "../../scripts/next-server.mjs"

// docs/security.md, S-94: the lab (and its embedded org) listens on loopback only unless told
// otherwise; `npm start` is what users run, so it is what this checks.

const root = path.join(__dirname, "..", "..")
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-listen-"))
let stop: (() => void) | undefined
afterAll(() => {
  stop?.()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

/** Local addresses of the sockets listening on `port`, from the kernel's tables (IPv4 and IPv6). */
function listeners(port: number): string[] {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0")
  const out: string[] = []
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const [, local, , state] = line.trim().split(/\s+/)
      if (state === "0A" && local?.endsWith(`:${hexPort}`)) out.push(local.slice(0, -5))
    }
  }
  return out
}

const IPV4_LOOPBACK = "0100007F" // 127.0.0.1, little-endian as /proc prints it
const IPV6_LOOPBACK = "00000000000000000000000001000000"

it("S-94 npm start listens on 127.0.0.1 only: the site and its embedded org are not on the network", async () => {
  const port = await freePort()
  const orgPort = await freePortPair()
  // Every port named, none left to npm start's defaults (PORT + 3 for the identity provider may
  // be taken on a busy machine).
  const idpPort = await freePort()
  const child = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "",
      NEXTAUTH_URL: "",
      SALESFORCE_LAB_DATA_DIR: dataDir,
      SALESFORCE_LAB_ORG_PORT: String(orgPort),
      SALESFORCE_LAB_IDP_PORT: String(idpPort),
      SALESFORCE_LOGIN_URL: "",
    },
  })
  // What npm start printed, for the failure message if it never answers.
  let output = ""
  const keep = (chunk: Buffer) => void (output = (output + chunk.toString()).slice(-4000))
  child.stdout!.on("data", keep)
  child.stderr!.on("data", keep)
  let exited: number | null | undefined
  child.on("exit", (code) => (exited = code))
  stop = () => {
    try {
      process.kill(-child.pid!, "SIGTERM")
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + 90_000
  let ready = false
  while (!ready && exited === undefined && Date.now() < deadline) {
    // Named as NEXTAUTH_URL's host (localhost, npm start's default): the only one answered (C-80, S-94).
    ready = await getAs(`http://127.0.0.1:${port}/api/health`, `localhost:${port}`).then(
      (r) => r.status === 200,
      () => false,
    )
    if (!ready) await new Promise((r) => setTimeout(r, 250))
  }
  expect(ready, `npm start never answered (exit: ${exited}); it printed:\n${output}`).toBe(true)
  // The site, the org's My Domain and its login host: each listens, and only on loopback.
  for (const p of [port, orgPort, orgPort + 1]) {
    const addresses = listeners(p)
    expect(addresses.length, `port ${p}`).toBeGreaterThan(0)
    for (const a of addresses) expect([IPV4_LOOPBACK, IPV6_LOOPBACK]).toContain(a)
  }
})
