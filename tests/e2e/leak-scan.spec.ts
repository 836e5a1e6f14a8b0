import fs from "node:fs"
import path from "node:path"
import { expect, test } from "@playwright/test"
import { allPairs } from "./_helpers/pairs"

/**
 * Issue 6 item 3; docs/security.md, C-66 (build), C-67 (responses), C-68 (logs), C-22.
 * Runs after every other browser test (playwright.config.ts: project "leak-scan" depends on
 * "browser") and searches what they made the site ship, send and print for the canaries:
 * NEXTAUTH_SECRET, the app's client secret and private key, the embedded org's signing key, and
 * the mark inside every token the org minted (SALESFORCE_LAB_TOKEN_MARK). Every worker's site/org
 * pair (tests/e2e/_helpers/pairs.ts) records into the same capture, and each pair's secrets are
 * searched for everywhere: one pair's key in another's responses is a leak too.
 */

const capture = process.env.E2E_CAPTURE_DIR!
const pairs = allPairs()
const orgs = pairs.map((p) => p.org)
const root = path.join(__dirname, "..", "..")

interface Captured {
  method: string
  url: string
  status: number
  headers: Record<string, string | string[]>
  body: string
}

function captured(): Captured[] {
  return fs
    .readFileSync(path.join(capture, "responses.jsonl"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Captured)
}

/** Lines of a PEM body long enough to be unique: finding any of them is finding the key. */
function pemBody(pem: string): string[] {
  return pem.split("\n").filter((l) => l.length >= 40 && !l.startsWith("-----"))
}

/** The secrets of this run (every pair's), by name. Each must be found nowhere outside its allowed places. */
function secrets(): Map<string, string[]> {
  const read = (...file: string[]) =>
    pairs.map((p) => fs.readFileSync(path.join(p.dataDir, ...file), "utf8"))
  const clientSecrets = read("connected-app", "credentials.json").map(
    (json) => (JSON.parse(json) as { clientSecret: string }).clientSecret,
  )
  return new Map([
    ["NEXTAUTH_SECRET", [process.env.E2E_NEXTAUTH_SECRET!]],
    ["client secret", clientSecrets],
    ["app private key", read("connected-app", "server.key").flatMap(pemBody)],
    ["org signing key", read("org-keys", "signing-key.pem").flatMap(pemBody)],
    ["token minted by the org", [process.env.E2E_TOKEN_MARK!]],
  ])
}

function hits(text: string, found: Map<string, string[]>): string[] {
  return [...found]
    .filter(([, values]) => values.some((v) => text.includes(v)))
    .map(([name]) => name)
}

const orgTokenEndpoint = (r: Captured) =>
  orgs.some((org) => r.url.split("?")[0] === `${org}/services/oauth2/token`)
const revealedByUser = (r: Captured) => r.method === "POST" && r.url === "/inspector/reveal"
/** The User-Agent flow's one navigation that carries a token: the org's redirect to a callback fragment. */
const fragmentRedirect = (r: Captured) =>
  orgs.some((org) => r.url.startsWith(`${org}/`)) &&
  [302, 303].includes(r.status) &&
  String(r.headers.location ?? "").includes("#access_token=")

/** A PEM private key itself: the armour followed by base64 (not code that merely names the armour). */
const PEM_PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----(\\n|\s)*[A-Za-z0-9+/]{40,}/

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]))
}

test("C-67 C-22 no secret or token in any response the browser suite saw, outside the three places that exist to deliver one", () => {
  const all = captured()
  const found = secrets()
  // The scan is only worth something if the suite really ran flows through this server.
  expect(all.length).toBeGreaterThan(300)
  expect(all.filter((r) => r.url.startsWith("/flows/") && r.status === 303).length).toBeGreaterThan(
    10,
  )
  const allowed = all.filter((r) => orgTokenEndpoint(r) || revealedByUser(r) || fragmentRedirect(r))
  // Positive control: minted tokens carry the mark, and the capture saw some (Reveal, the fragment).
  expect(allowed.some((r) => JSON.stringify(r).includes(process.env.E2E_TOKEN_MARK!))).toBe(true)

  const leaks: string[] = []
  for (const r of all) {
    const text = `${JSON.stringify(r.headers)}\n${r.body}`
    const names = hits(text, found)
    if (!names.length) continue
    // Where a token may appear by design, only a token may: never a secret of the site or app.
    const tokenOnly = names.every((n) => n === "token minted by the org")
    if (tokenOnly && (orgTokenEndpoint(r) || revealedByUser(r) || fragmentRedirect(r))) continue
    leaks.push(`${r.method} ${r.url} → ${r.status}: ${names.join(", ")}`)
  }
  expect(leaks).toEqual([])
})

test("C-22 no request URL the site received carries a token, code verifier or secret", () => {
  const found = secrets()
  const decoded = (url: string) => {
    try {
      return decodeURIComponent(url)
    } catch {
      return url // the bad-input tests send malformed escapes on purpose
    }
  }
  const leaks = captured()
    .filter((r) => hits(`${r.url}\n${decoded(r.url)}`, found).length)
    .map((r) => `${r.method} ${r.url}`)
  expect(leaks).toEqual([])
})

test("C-68 the server's log holds no secret and no token", () => {
  const log = fs.readFileSync(path.join(capture, "server.log"), "utf8")
  // The log is the real one: it has the server's start banner.
  expect(log).toContain("Ready in")
  expect(hits(log, secrets())).toEqual([])
  expect(log).not.toMatch(PEM_PRIVATE_KEY)
  expect(log).not.toMatch(/\b00D\w{12,15}!AQ/)
})

test("C-66 the built client assets hold no secret of this run and no private key", () => {
  const files = walk(path.join(root, ".next", "static"))
  expect(files.filter((f) => f.endsWith(".js")).length).toBeGreaterThan(3)
  const found = secrets()
  const leaks: string[] = []
  for (const f of files) {
    const text = fs.readFileSync(f, "latin1")
    for (const name of hits(text, found)) leaks.push(`${path.relative(root, f)}: ${name}`)
    if (PEM_PRIVATE_KEY.test(text)) leaks.push(`${path.relative(root, f)}: a PEM private key`)
  }
  expect(leaks).toEqual([])
})

test("C-66 secrets set when the site was built are in none of its output", () => {
  // scripts/test.mjs builds with these canaries in the environment; `npm run test:e2e` alone does not.
  test.skip(
    !process.env.E2E_BUILD_CANARIES,
    "this run did not build the site with canary secrets (npm test does)",
  )
  const canaries = Object.values(
    JSON.parse(process.env.E2E_BUILD_CANARIES!) as Record<string, string>,
  ).map((v) => v.replace(/-----[A-Z ]+-----/g, "").trim())
  const files = [
    ...walk(path.join(root, ".next", "static")),
    ...walk(path.join(root, ".next", "server")),
  ]
  expect(files.length).toBeGreaterThan(10)
  const leaks = files.filter((f) => {
    const text = fs.readFileSync(f, "latin1")
    return canaries.some((c) => text.includes(c))
  })
  expect(leaks.map((f) => path.relative(root, f))).toEqual([])
})
