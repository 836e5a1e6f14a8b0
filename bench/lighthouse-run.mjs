// One Lighthouse run and its summary, for bench/lighthouse.mjs: the CLI in its own process group
// with the system Chromium, and what the report keeps of its answer.
import { spawn } from "node:child_process"
import fs from "node:fs"
import { CHROMIUM_FLAGS } from "../scripts/chromium-flags.mjs"
import { bin, root } from "../scripts/lib.mjs"

export const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]

/** Lighthouse children still running, so that an interrupted run can take their Chromium down. */
export const running = new Set()

// Headless, with the flags every Chromium of this repository runs with (scripts/chromium-flags.mjs).
const CHROME_FLAGS = ["--headless=new", ...CHROMIUM_FLAGS]

/**
 * Lighthouse's mobile run simulates a mid-tier phone as this machine's CPU slowed down by a
 * multiplier, 4x by default, which assumes a high-end desktop host (benchmark index 1500+).
 * Lighthouse's own guide says to calibrate it to the host: 2x from a low-end desktop or high-end
 * phone (index 800-1500), 1x from a machine already in the mid-tier phone range (below 800)
 * (https://github.com/GoogleChrome/lighthouse/blob/main/docs/throttling.md, "Calibrating the CPU
 * slowdown"). The index comes from a first run on the baseline page.
 */
export function calibratedSlowdown(benchmarkIndex) {
  if (benchmarkIndex >= 1500) return 4
  if (benchmarkIndex >= 800) return 2
  return 1
}

// Lighthouse's runtime errors that ask for another run: a trace it could not read (NO_NAVSTART,
// seen here once in a run of forty), not a fault of the page. Its own message ends "Please run
// Lighthouse again".
const TRANSIENT = /Please run Lighthouse again/
const ATTEMPTS = 3

/** One Lighthouse run of `url`, run again (up to three times in all) when Lighthouse asks for it. */
export async function lighthouse(url, options) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await lighthouseOnce(url, options)
    } catch (err) {
      if (attempt >= ATTEMPTS || !TRANSIENT.test(String(err?.message))) throw err
      console.log(
        `  Lighthouse asked to run again (${String(err.message).split("\n")[1]}): run ${attempt + 1} of ${ATTEMPTS}`,
      )
    }
  }
}

function lighthouseOnce(url, { chromePath, headers, outFile, mobile, cpuSlowdown }) {
  const args = [
    url,
    "--quiet",
    "--output=json",
    `--output-path=${outFile}`,
    `--only-categories=${CATEGORIES.join(",")}`,
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
    "--no-enable-error-reporting",
    "--disable-full-page-screenshot",
    ...(mobile ? [] : ["--preset=desktop"]),
    ...(cpuSlowdown ? [`--throttling.cpuSlowdownMultiplier=${cpuSlowdown}`] : []),
    ...(headers ? [`--extra-headers=${JSON.stringify(headers)}`] : []),
  ]
  return new Promise((resolve, reject) => {
    // Its own process group, so that an interrupted run can take Lighthouse's Chromium down with it.
    const child = spawn(bin("lighthouse"), args, {
      cwd: root,
      detached: true,
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, CHROME_PATH: chromePath },
    })
    running.add(child)
    let stderr = ""
    child.stderr.on("data", (c) => (stderr += c))
    child.on("error", reject)
    child.on("exit", (code) => {
      running.delete(child)
      if (code === 0) resolve(JSON.parse(fs.readFileSync(outFile, "utf8")))
      else reject(new Error(`lighthouse exited ${code} for ${url}:\n${stderr}`))
    })
  })
}

/** What the report says about one page: scores, key metrics, and every audit that did not pass. */
export function summarize(page, lhr) {
  const scores = Object.fromEntries(
    CATEGORIES.map((c) => [c, Math.round((lhr.categories[c]?.score ?? 0) * 100)]),
  )
  const metrics = [
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
  ].map((id) => `${lhr.audits[id]?.title}: ${lhr.audits[id]?.displayValue}`)
  const failing = []
  for (const c of CATEGORIES) {
    for (const ref of lhr.categories[c]?.auditRefs ?? []) {
      const audit = lhr.audits[ref.id]
      if (!audit || audit.score === null || audit.score >= 0.9 || ref.weight === 0) continue
      // The first few offending items say what to fix (a console message, an element, a URL).
      const items = (audit.details?.items ?? [])
        .slice(0, 3)
        .map((i) => i.description ?? i.node?.snippet ?? i.url ?? i.source)
        .filter(Boolean)
      failing.push({
        category: c,
        id: ref.id,
        title: audit.title,
        score: audit.score,
        displayValue: audit.displayValue,
        items,
      })
    }
  }
  // An audit Lighthouse could not run (a trace it cannot read from a newer Chromium, say) has no
  // score and would otherwise vanish from the report: it is listed, so that a gap in the report shows.
  const errored = Object.values(lhr.audits)
    .filter((a) => a.scoreDisplayMode === "error")
    .map(
      (a) =>
        `\`${a.id}\`: ${String(a.errorMessage ?? "")
          .split("\n")[0]
          .slice(0, 200)}`,
    )
  return {
    ...page,
    scores,
    metrics,
    failing,
    errored,
    warnings: lhr.runWarnings ?? [],
    // Lighthouse's measure of this machine's speed at the time (about 1000+ on a mid-tier
    // desktop): its simulated mobile CPU is this machine slowed down 4x, so a low index (a slow
    // or busy machine) lowers every page's performance score, the baseline's included.
    benchmarkIndex: Math.round(lhr.environment?.benchmarkIndex ?? 0),
  }
}
