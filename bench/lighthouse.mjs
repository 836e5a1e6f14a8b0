// `npm run lighthouse`: Lighthouse 12 (its CLI, with the system Chromium) on the chooser, every flow
// page and the signed-in inspector of the production build with a fresh embedded org; prints the
// category scores per page against the issue's goals and writes bench/lighthouse.md with every
// audit that did not pass. Desktop preset by default; `-- --mobile` for Lighthouse's mobile one.
// Four baselines are measured in the same run: a blank Next.js page, the same blank page served
// the way the site serves its pages (bench/blank-app.mjs), the JWT Bearer page as plain
// `next start` serves it, with Next.js's runtime that the site's server leaves out
// (scripts/script-free.mjs), and the JWT Bearer page with the Cross-Origin-Opener-Policy header
// the site leaves out on pages that show nobody's flow (bench/coop-proxy.mjs).
// Each page is measured `--runs=N` times (default 3), the pages taking turns so that the machine's
// drift falls on all of them alike, and the report keeps Lighthouse's own median run per page
// (lighthouse/core/lib/median-run.js), as its variability guide advises
// (https://github.com/GoogleChrome/lighthouse/blob/main/docs/variability.md).
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { computeMedianRun } from "lighthouse/core/lib/median-run.js"
import { buildIfNeeded, findChromium, root } from "../scripts/lib.mjs"
import { startSite } from "../scripts/next-server.mjs"
import { buildBlankApp } from "./blank-app.mjs"
import { coopProxy } from "./coop-proxy.mjs"
import { loginCookie } from "./jwt-login.mjs"
import {
  calibratedSlowdown,
  CATEGORIES,
  lighthouse,
  running,
  summarize,
} from "./lighthouse-run.mjs"
import { markdownReport } from "./lighthouse-report.mjs"
import { machine } from "./report.mjs"

const mobile = process.argv.includes("--mobile")
// `--uncalibrated` keeps Lighthouse's fixed 4x mobile CPU slowdown whatever the machine.
const calibrate = mobile && !process.argv.includes("--uncalibrated")
const runsArg = process.argv.find((a) => a.startsWith("--runs="))
const RUNS = runsArg ? Number(runsArg.slice("--runs=".length)) : 3
if (!Number.isInteger(RUNS) || RUNS < 1 || RUNS > 15) {
  console.error("--runs=N takes a whole number from 1 to 15")
  process.exit(2)
}
const PAGES = [
  { label: "/ (chooser)", path: "/" },
  { label: "/flows/jwt-bearer", path: "/flows/jwt-bearer" },
  { label: "/flows/device", path: "/flows/device" },
  { label: "/flows/client-credentials", path: "/flows/client-credentials" },
  { label: "/flows/username-password", path: "/flows/username-password" },
  { label: "/flows/web-server", path: "/flows/web-server" },
  { label: "/flows/saml-bearer", path: "/flows/saml-bearer" },
  { label: "/flows/token-exchange", path: "/flows/token-exchange" },
  { label: "/flows/asset-token", path: "/flows/asset-token" },
  { label: "/inspector (signed in)", path: "/inspector", signedIn: true },
]
const BASELINES = [
  { label: "blank Next.js page (baseline)", path: "/", baseline: "blank" },
  { label: "blank page served like the site (baseline)", path: "/", baseline: "served" },
  {
    label: "/flows/jwt-bearer with Next.js's runtime (baseline)",
    path: "/flows/jwt-bearer",
    baseline: "runtime",
  },
  { label: "/flows/jwt-bearer with COOP (baseline)", path: "/flows/jwt-bearer", baseline: "coop" },
]
const GOALS = { performance: 95, accessibility: 100, "best-practices": 95, seo: undefined }
let site
let withRuntime
let withCoop
const blanks = new Map()
let dataDir
async function cleanUp() {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // Already gone.
    }
  }
  if (withCoop) await withCoop.stop()
  if (withRuntime) await withRuntime.stop()
  if (site) await site.stop()
  for (const { server, dir } of blanks.values()) {
    await server?.stop()
    fs.rmSync(dir, { recursive: true, force: true })
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => cleanUp().finally(() => process.exit(130)))

async function main() {
  const chromePath = process.env.CHROME_PATH ?? (await findChromium({ full: true }))
  if (!chromePath)
    throw new Error(
      "no Chromium found: set CHROME_PATH, or install Debian's chromium (sudo apt-get install -y chromium)",
    )
  if ((await buildIfNeeded()) !== 0) throw new Error("the site's build failed")
  const facts = machine()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-lighthouse-org-"))
  site = await startSite({ dataDir })
  const cookie = await loginCookie(site.url)
  // The baselines, measured in the same run: a blank Next.js page, so a score reads against what
  // the framework alone gets on this machine at this moment, and the same page served like the site.
  for (const kind of ["blank", "served"]) {
    console.log(`Building a blank Next.js app (the ${kind} baseline)…`)
    const dir = await buildBlankApp({ siteServing: kind === "served" })
    blanks.set(kind, { dir })
    blanks.get(kind).server = await startSite({ appDir: dir, readyPath: "/", dataDir })
  }
  // The third baseline: the same build on plain `next start`, so the flow page keeps the runtime.
  const runtimeDir = path.join(dataDir, "runtime")
  fs.mkdirSync(runtimeDir)
  withRuntime = await startSite({ dataDir: runtimeDir, plainNext: true })
  // The fourth: the site's own pages, with COOP added on the way.
  withCoop = await coopProxy(site.url)
  const baseOf = (page) =>
    page.baseline === "runtime"
      ? withRuntime.url
      : page.baseline === "coop"
        ? withCoop.url
        : page.baseline
          ? blanks.get(page.baseline).server.url
          : site.url
  const urlOf = (page) => new URL(page.path, baseOf(page)).href
  let cpuSlowdown
  if (calibrate) {
    const probe = await lighthouse(blanks.get("blank").server.url, {
      chromePath,
      outFile: path.join(dataDir, "probe.json"),
      mobile,
    })
    const index = Math.round(probe.environment?.benchmarkIndex ?? 0)
    cpuSlowdown = calibratedSlowdown(index)
    console.log(`Benchmark index ${index}: mobile CPU slowdown ${cpuSlowdown}x`)
  }
  const all = [...BASELINES, ...PAGES]
  const runs = new Map(all.map((page) => [page, []]))
  for (let run = 1; run <= RUNS; run++) {
    for (const page of all) {
      console.log(`Lighthouse run ${run}/${RUNS}: ${page.label}…`)
      const outFile = path.join(dataDir, "report.json")
      const lhr = await lighthouse(urlOf(page), {
        chromePath,
        headers: page.signedIn ? { Cookie: cookie } : undefined,
        outFile,
        mobile,
        cpuSlowdown,
      })
      runs.get(page).push(lhr)
    }
  }
  const version = runs.get(all[0])[0].lighthouseVersion
  const results = all.map((page) => {
    const lhrs = runs.get(page)
    const perf = lhrs.map((l) => Math.round((l.categories.performance?.score ?? 0) * 100))
    return {
      ...summarize(page, computeMedianRun(lhrs)),
      perfRange: [Math.min(...perf), Math.max(...perf)],
    }
  })

  const verdict = (c, score) => (GOALS[c] === undefined ? "" : score >= GOALS[c] ? " PASS" : " GAP")
  const header = ["page", ...CATEGORIES, `performance, ${RUNS} runs`, "benchmark index"]
  const lines = results.map((r) => [
    r.label,
    ...CATEGORIES.map((c) => `${r.scores[c]}${r.baseline ? "" : verdict(c, r.scores[c])}`),
    r.perfRange[0] === r.perfRange[1] ? String(r.perfRange[0]) : r.perfRange.join("-"),
    String(r.benchmarkIndex),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const fmt = (cells) => cells.map((v, i) => v.padEnd(widths[i])).join("  ")
  console.log(
    `\nLighthouse ${mobile ? "mobile (default)" : "desktop preset"}; goals: performance ≥ 95, accessibility 100, best practices ≥ 95\n`,
  )
  console.log([fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...lines.map(fmt)].join("\n"))

  const md = markdownReport({
    results,
    header,
    lines,
    runs: RUNS,
    version,
    facts,
    setting: mobile
      ? `default mobile emulation, CPU slowdown ${cpuSlowdown ? `${cpuSlowdown}x (calibrated to this machine's benchmark index, as Lighthouse's throttling guide says)` : "4x (uncalibrated)"}`
      : "desktop preset",
    command: `npm run lighthouse${mobile ? " -- --mobile" : ""}`,
    browser: path.basename(chromePath),
  })
  const file = path.join(root, "bench", mobile ? "lighthouse-mobile.md" : "lighthouse.md")
  fs.writeFileSync(file, md)
  console.log(`\nWritten: ${path.relative(process.cwd(), file)}`)
}

main()
  .then(cleanUp)
  .catch(async (e) => {
    console.error(e)
    await cleanUp()
    process.exitCode = 1
  })
