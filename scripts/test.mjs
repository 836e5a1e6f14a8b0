// `npm test`: typecheck, lint, unit and integration tests (vitest), the build, the reliability
// suite (vitest on real `next start` servers), then browser tests (Playwright, real Chromium).
// Ends with one line "N passed, N failed" over all tests.
import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { bin, buildIfNeeded, findChromium, run, runQuiet } from "./lib.mjs"

const began = Date.now()
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`
const reports = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-test-"))
const totals = { passed: 0, failed: 0 }
const failures = []

function count(file, read) {
  if (!fs.existsSync(file)) return false
  const { passed, failed } = read(JSON.parse(fs.readFileSync(file, "utf8")))
  totals.passed += passed
  totals.failed += failed
  return true
}

async function step(name, cmd, args, opts) {
  console.log(`\n▶ ${name}`)
  const started = Date.now()
  const code = await run(cmd, args, opts)
  console.log(`◀ ${name}: ${seconds(started)}`)
  if (code !== 0) failures.push(name)
  return code
}

/** A step run beside others: its output is printed whole, once it has ended. */
async function quietStep(name, cmd, args) {
  const started = Date.now()
  const { code, output } = await runQuiet(cmd, args)
  console.log(`\n▶ ${name}\n${output.trimEnd()}`)
  console.log(`◀ ${name}: ${seconds(started)}`)
  if (code !== 0) failures.push(name)
  return code
}

// C-66: build with unique fake secrets; leak-scan.spec.ts then searches the build output for them.
const canary = (label) => `canaryBuild${label}${crypto.randomBytes(12).toString("hex")}`
// The PEM armour is put together at run time, so the repository holds no private-key header.
const armour = (edge) => `-----${edge} PRIVATE KEY-----`
const buildCanaries = {
  NEXTAUTH_SECRET: canary("NextAuthSecret"),
  SALESFORCE_CLIENT_ID: canary("ClientId"),
  SALESFORCE_CLIENT_SECRET: canary("ClientSecret"),
  SALESFORCE_PRIVATE_KEY: `${armour("BEGIN")}\n${canary("PrivateKey")}\n${armour("END")}`,
}

// The static checks only read the sources and are mostly single-threaded: run them side by side,
// and beside the unit tests, which fill the core the static checks leave idle once the shorter ones
// end (none of them writes anything the others read). The build starts once the typecheck has
// ended: it writes .next/types, which the typecheck reads (tsconfig.json), and nothing the other
// steps read (Prettier and ESLint ignore .next, no unit test uses the build). It then fills the
// time the unit tests spend waiting on sockets and poll intervals.
const vitestJson = path.join(reports, "vitest.json")
const typecheckStep = quietStep("typecheck", bin("tsc"), ["--noEmit"])
const buildStep = typecheckStep.then(async (typecheck) => {
  const started = Date.now()
  // The typecheck covered the app: the build skips its own pass over the same code.
  const typechecked = typecheck === 0 ? { LAB_TYPECHECKED: "1" } : {}
  const code = await buildIfNeeded({
    force: true,
    env: { ...buildCanaries, ...typechecked },
    // Printed whole once it has ended, as the steps beside it are.
    report: (output) =>
      console.log(`\n▶ build (with canary secrets in its environment)\n${output}`),
  })
  console.log(`◀ build: ${seconds(started)}`)
  return code === 0
})
await Promise.all([
  typecheckStep,
  quietStep("lint", bin("eslint"), ["--max-warnings", "0", "."]),
  quietStep("format check", bin("prettier"), ["--check", "."]),
  quietStep("unit and integration tests", bin("vitest"), [
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ]),
])
const vitestCounts = (r) => ({
  passed: r.numPassedTests,
  failed: r.numFailedTests + (!r.success && r.numFailedTests === 0 ? 1 : 0),
})
if (!count(vitestJson, vitestCounts)) totals.failed += 1

const built = await buildStep
if (!built) {
  failures.push("build")
  totals.failed += 1
} else {
  // Two-instance, bad-input volume, load and crash/restart checks against the production build.
  const reliabilityJson = path.join(reports, "reliability.json")
  await step("reliability tests", bin("vitest"), [
    "run",
    "-c",
    "vitest.reliability.config.mts",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${reliabilityJson}`,
  ])
  if (!count(reliabilityJson, vitestCounts)) totals.failed += 1
}

const chromium = await findChromium()
if (!chromium) {
  console.error(
    "\nNo Chromium for the browser tests. Install one, then run npm test again:\n" +
      "  Debian/Ubuntu:  sudo apt-get install -y chromium chromium-headless-shell   (or set CHROMIUM_PATH)\n" +
      "  elsewhere:      npx playwright install chromium",
  )
  failures.push("browser tests (no Chromium)")
  totals.failed += 1
} else if (built) {
  const pwJson = path.join(reports, "playwright.json")
  await step("browser tests", bin("playwright"), ["test", "--reporter=list,json"], {
    env: {
      CHROMIUM_PATH: chromium,
      PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
      E2E_BUILD_CANARIES: JSON.stringify(buildCanaries),
    },
  })
  if (
    !count(pwJson, (r) => ({
      passed: r.stats.expected + r.stats.flaky,
      // A run that fails outside any test (a site/org pair that did not start, a worker that
      // crashed between tests) has errors but no failed test of its own: count it as one failure.
      failed: r.stats.unexpected + (r.errors?.length && !r.stats.unexpected ? 1 : 0),
    }))
  )
    totals.failed += 1
}

fs.rmSync(reports, { recursive: true, force: true })
if (failures.length) console.log(`\nFailed steps: ${failures.join(", ")}`)
// The budget is 10 minutes on 2 cores (README, *Tests*).
console.log(`npm test took ${seconds(began)}`)
console.log(`${totals.passed} passed, ${totals.failed} failed`)
process.exit(failures.length || totals.failed ? 1 : 0)
