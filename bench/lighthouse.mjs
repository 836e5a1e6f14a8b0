// Over 200 lines: one runner (start the site, sign in, run Lighthouse per page, write the report); its page list grew with the flows.
// `npm run lighthouse`: Lighthouse 12 (its CLI, with the system Chromium) on the chooser, a flow page
// and the signed-in token inspector of the production build with a fresh embedded org. Prints the
// four category scores per page against the issue's goals and writes bench/lighthouse.md with every
// audit that did not pass. Desktop preset by default (the lab is a desktop developer tool);
// `npm run lighthouse -- --mobile` uses Lighthouse's default mobile emulation instead.
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { bin, buildIfNeeded, findChromium, root } from "../scripts/lib.mjs"
import { startSite } from "../scripts/next-server.mjs"
import { loginCookie } from "./jwt-login.mjs"
import { machine } from "./report.mjs"

const mobile = process.argv.includes("--mobile")
const PAGES = [
  { label: "/ (chooser)", path: "/" },
  { label: "/flows/jwt-bearer", path: "/flows/jwt-bearer" },
  { label: "/flows/device", path: "/flows/device" },
  { label: "/flows/client-credentials", path: "/flows/client-credentials" },
  { label: "/flows/username-password", path: "/flows/username-password" },
  { label: "/flows/web-server", path: "/flows/web-server" },
  { label: "/inspector (signed in)", path: "/inspector", signedIn: true },
]
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
const GOALS = { performance: 95, accessibility: 100, "best-practices": 95, seo: undefined }
// The network is closed here, and Chromium must not try to reach it (updates, sync, QUIC probes).
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
]

function lighthouse(url, { chromePath, headers, outFile }) {
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

const running = new Set()
let site
let dataDir
async function cleanUp() {
  for (const child of running) {
    try {
      process.kill(-child.pid, "SIGKILL")
    } catch {
      // Already gone.
    }
  }
  if (site) await site.stop()
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
}
for (const signal of ["SIGINT", "SIGTERM"])
  process.once(signal, () => cleanUp().finally(() => process.exit(130)))

/** What the report says about one page: scores, key metrics, and every audit that did not pass. */
function summarize(page, lhr) {
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
  return { ...page, scores, metrics, failing, warnings: lhr.runWarnings ?? [] }
}

async function main() {
  const chromePath = process.env.CHROME_PATH ?? (await findChromium())
  if (!chromePath)
    throw new Error(
      "no Chromium found: set CHROME_PATH, or install Debian's chromium (sudo apt-get install -y chromium)",
    )
  if ((await buildIfNeeded()) !== 0) throw new Error("the site's build failed")
  const facts = machine()
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-lighthouse-org-"))
  site = await startSite({ dataDir })
  const cookie = await loginCookie(site.url)
  const results = []
  for (const page of PAGES) {
    console.log(`Lighthouse: ${page.label}…`)
    const outFile = path.join(dataDir, "report.json")
    const lhr = await lighthouse(new URL(page.path, site.url).href, {
      chromePath,
      headers: page.signedIn ? { Cookie: cookie } : undefined,
      outFile,
    })
    results.push(summarize(page, lhr))
  }

  const verdict = (c, score) => (GOALS[c] === undefined ? "" : score >= GOALS[c] ? " PASS" : " GAP")
  const header = ["page", ...CATEGORIES]
  const lines = results.map((r) => [
    r.label,
    ...CATEGORIES.map((c) => `${r.scores[c]}${verdict(c, r.scores[c])}`),
  ])
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)))
  const fmt = (cells) => cells.map((v, i) => v.padEnd(widths[i])).join("  ")
  console.log(
    `\nLighthouse ${mobile ? "mobile (default)" : "desktop preset"}; goals: performance ≥ 95, accessibility 100, best practices ≥ 95\n`,
  )
  console.log([fmt(header), fmt(widths.map((w) => "-".repeat(w))), ...lines.map(fmt)].join("\n"))

  const md = [
    "# Lighthouse results",
    "",
    `Written by \`npm run lighthouse${mobile ? " -- --mobile" : ""}\` on ${facts.date} (commit ${facts.commit}): Lighthouse 12.2.3, ${mobile ? "default mobile emulation" : "desktop preset"}, ${path.basename(chromePath)} headless, production build with the embedded org.`,
    "",
    `- Machine: ${facts.cpus}; Node ${facts.node}; load average at start ${facts.load}.`,
    "- Goals: performance ≥ 95, accessibility 100, best practices ≥ 95 (SEO reported).",
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
    ...lines.map((l) => `| ${l.join(" | ")} |`),
    "",
    ...results.flatMap((r) => [
      `## ${r.label}`,
      "",
      ...r.metrics.map((m) => `- ${m}`),
      "",
      ...(r.failing.length
        ? [
            "Audits below 0.9:",
            "",
            ...r.failing.flatMap((f) => [
              `- ${f.category}: \`${f.id}\` ${f.title} (score ${f.score}${f.displayValue ? `, ${f.displayValue}` : ""})`,
              ...f.items.map((i) => `  - ${String(i).replace(/\s+/g, " ").slice(0, 300)}`),
            ]),
          ]
        : ["Every weighted audit passed."]),
      ...(r.warnings.length ? ["", "Run warnings:", "", ...r.warnings.map((w) => `- ${w}`)] : []),
      "",
    ]),
  ].join("\n")
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
