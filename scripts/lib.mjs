// Helpers shared by the start and test scripts (plain Node, no dependencies beyond Next's own).
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "..")
export const bin = (name) => path.join(root, "node_modules", ".bin", name)

/**
 * The environment of a test or bench server (site or embedded org): this process's, a clean
 * embedded-org configuration for the site at `publicUrl` with `dataDir` as its data folder, then
 * the caller's `env` on top (a real org, canaries, limits).
 */
export function labEnv({ publicUrl, dataDir, env = {} }) {
  return {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXTAUTH_URL: publicUrl,
    SALESFORCE_LAB_DATA_DIR: dataDir,
    SALESFORCE_LOGIN_URL: "",
    SALESFORCE_CLIENT_ID: "",
    SALESFORCE_CLIENT_SECRET: "",
    SALESFORCE_PRIVATE_KEY: "",
    SALESFORCE_PRIVATE_KEY_FILE: "",
    ...env,
  }
}

/** Runs a command with inherited output; resolves to its exit code. */
export function run(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: "inherit",
      ...opts,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
    })
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)))
    child.on("error", () => resolve(127))
  })
}

/**
 * Runs a command with its output (stdout and stderr, in order) collected instead of printed, for
 * commands run side by side; resolves to its exit code and that output.
 */
export function runQuiet(cmd, args, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      ...opts,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...opts.env },
    })
    const output = []
    child.stdout.on("data", (c) => output.push(c))
    child.stderr.on("data", (c) => output.push(c))
    const done = (code) => resolve({ code, output: Buffer.concat(output).toString("utf8") })
    child.on("close", (code, signal) => done(code ?? (signal ? 1 : 0)))
    child.on("error", () => done(127))
  })
}

const SOURCES = [
  "app",
  "lib",
  "public",
  "next.config.js",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
]

/** A hash of everything the production build depends on, to rebuild only when it changed. */
export function sourceHash() {
  const hash = crypto.createHash("sha256")
  const walk = (p) => {
    const full = path.join(root, p)
    if (!fs.existsSync(full)) return
    const stat = fs.statSync(full)
    if (stat.isDirectory())
      for (const entry of fs.readdirSync(full).sort()) walk(path.join(p, entry))
    else hash.update(p).update(fs.readFileSync(full))
  }
  SOURCES.forEach(walk)
  return hash.digest("hex")
}

const STAMP = path.join(root, ".next", "lab-source-hash")

/**
 * Builds the site unless `.next` already holds a build of exactly these sources. `force` builds
 * anyway, with `env` added to the build's environment (the test command builds with canary
 * secrets, to prove none of them ends up in what the build ships). With `report`, the build runs
 * quietly and `report` gets its whole output once it has ended (the test command builds beside
 * other steps, whose output would otherwise interleave with it).
 */
export async function buildIfNeeded({ force = false, env = {}, report } = {}) {
  const hash = sourceHash()
  const built =
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(STAMP) &&
    fs.readFileSync(STAMP, "utf8") === hash
  if (built && !force) return 0
  const intro = force
    ? "Building the site…"
    : "Building the site (first start, or the sources changed)…"
  let code
  if (report) {
    const done = await runQuiet(bin("next"), ["build"], { env })
    report(`${intro}\n${done.output.trimEnd()}`)
    code = done.code
  } else {
    console.log(intro)
    code = await run(bin("next"), ["build"], { env })
  }
  if (code === 0) fs.writeFileSync(STAMP, hash)
  return code
}

/**
 * Chromium for the browser tests: CHROMIUM_PATH, else Debian's `chromium-headless-shell` (the
 * headless build of the same Chromium, which Playwright itself runs for headless tests: half the
 * CPU time of the full browser on a 2-core machine), else Debian's `chromium`, else Playwright's
 * own install. `{ full: true }` (Lighthouse) skips the headless shell.
 */
export async function findChromium({ full = false } = {}) {
  const candidates = [
    process.env.CHROMIUM_PATH,
    !full && "/usr/lib/chromium/chromium-headless-shell",
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
  ].filter(Boolean)
  for (const c of candidates) if (fs.existsSync(c)) return c
  try {
    const { chromium } = await import("@playwright/test")
    const own = chromium.executablePath()
    if (own && fs.existsSync(own)) return own
  } catch {
    // Playwright has no browser of its own installed: fall through to the error below.
  }
  return undefined
}
