// Turns the bench's figures into rows with their goals and verdicts, printed as a table and written
// as bench/results.md. Every verdict compares against a baseline measured in the same run.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { execFileSync } from "node:child_process"
import { root } from "../scripts/lib.mjs"

const MB = 1024 * 1024
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const num = (n, digits = 0) =>
  n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
const verdict = (ok) => (ok ? "PASS" : "GAP")

/** One row per figure: what, the subject, the baseline, the ratio, the goal and the verdict. */
export function rows(figures) {
  const out = []
  const s = figures.signing
  if (s) {
    out.push({
      figure: "Assertion signing",
      subject: `builder ${num(s.ops.builder)} ops/s`,
      baseline: `raw crypto.sign ${num(s.ops.raw)} ops/s`,
      ratio: s.ratio,
      goal: "≥ 0.90",
      result: verdict(s.ratio >= 0.9),
    })
    out.push({
      figure: "  reference: seed (njwt, key read per call)",
      subject: `${num(s.ops.seed)} ops/s`,
      baseline: "raw",
      ratio: s.seedRatio,
      goal: "—",
      result: "info",
    })
  }
  const l = figures.logins
  if (l) {
    const failed = l.login.failed + l.bare.failed
    out.push({
      figure: `Login throughput (${l.connections} clients, ${l.rounds}×${l.durationS} s each)`,
      subject: `${num(l.login.rate, 1)} logins/s, p50 ${l.login.p50} ms, p99 ${l.login.p99} ms, ${l.login.failed} failed`,
      baseline: `/api/health ${num(l.bare.rate)} req/s, p50 ${l.bare.p50} ms, p99 ${l.bare.p99} ms, ${l.bare.failed} failed`,
      ratio: l.ratio,
      goal: "≥ 0.25",
      result: failed ? `GAP (${failed} failed)` : verdict(l.ratio >= 0.25),
    })
    out.push({
      figure: "  server CPU per request",
      subject: `${num(l.login.cpuMs, 2)} ms per login`,
      baseline: `${num(l.bare.cpuMs, 2)} ms per health request`,
      ratio: l.cpuRatio,
      goal: "—",
      result: "info",
    })
  }
  const p = figures.pages
  if (p) {
    for (const page of p.pages) {
      const ratio = page.total / p.blank.total
      out.push({
        figure: `First-load JS ${page.label}`,
        subject: `${kb(page.total)} (${page.scripts} scripts)`,
        baseline: `blank Next page ${kb(p.blank.total)}`,
        ratio,
        goal: "≤ 1.10",
        result: verdict(ratio <= 1.1),
      })
    }
  }
  const m = figures.memory
  if (m) {
    const growth = m.growth / MB
    out.push({
      figure: `Memory after ${num(m.completed)} logins (${m.failed} failed)`,
      subject: `RSS ${num(m.before / MB, 1)} → ${num(m.after / MB, 1)} MB (${growth < 0 ? "−" : "+"}${num(Math.abs(growth), 1)} MB)`,
      baseline: "RSS before (warm)",
      ratio: m.after / m.before,
      goal: "growth < 50 MB",
      result: m.failed ? `GAP (${m.failed} failed)` : verdict(growth < 50),
    })
  }
  return out
}

const COLUMNS = ["figure", "subject", "baseline", "ratio", "goal", "result"]
const cell = (row, c) =>
  c === "ratio" ? (typeof row.ratio === "number" ? row.ratio.toFixed(2) : "") : String(row[c])

export function printTable(table) {
  const widths = COLUMNS.map((c) => Math.max(c.length, ...table.map((r) => cell(r, c).length)))
  const line = (values) => values.map((v, i) => v.padEnd(widths[i])).join("  ")
  console.log(line(COLUMNS))
  console.log(line(widths.map((w) => "-".repeat(w))))
  for (const r of table) console.log(line(COLUMNS.map((c) => cell(r, c))))
}

/** Facts about the run that make its figures readable later: when, where, on what code. */
export function machine() {
  let commit = "unknown"
  try {
    commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: root,
      encoding: "utf8",
    }).trim()
    // Figures measured on changes not yet committed say so: the commit alone would not hold them.
    const changed = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: root,
      encoding: "utf8",
    }).trim()
    if (changed) commit += ", with uncommitted changes"
  } catch {
    // Not a git checkout: leave it unknown.
  }
  return {
    date: new Date().toISOString(),
    cpus: `${os.availableParallelism()} × ${os.cpus()[0]?.model ?? "unknown CPU"}`,
    node: process.version,
    commit,
    load: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(", "),
  }
}

export function writeMarkdown(file, table, { start, end, figures }) {
  const failures = [
    figures.logins?.login.failures,
    figures.logins?.bare.failures,
    figures.memory?.failures,
  ].filter((f) => f && Object.keys(f).length)
  const md = [
    "# Benchmark results",
    "",
    `Written by \`npm run bench\` on ${start.date} (commit ${start.commit}).`,
    "",
    `- Machine: ${start.cpus}; Node ${start.node}.`,
    `- Load average (1, 5, 15 min) at start: ${start.load}; at end: ${end.load}. Other work on the machine shows here: the ratios compare subject and baseline measured under the same conditions.`,
    "",
    `| ${COLUMNS.join(" | ")} |`,
    `| ${COLUMNS.map(() => "---").join(" | ")} |`,
    ...table.map((r) => `| ${COLUMNS.map((c) => cell(r, c).replace(/\|/g, "\\|")).join(" | ")} |`),
    "",
    "How each figure is measured:",
    "",
    "- **Assertion signing**: `planAssertion` + `signAssertion` from `lib/salesforce/jwt-assertion.ts` (bundled for Node by Vite), against `crypto.sign(\"sha256\", input, key)` with the builder's own cached KeyObject over the same signing input, and the seed's njwt signer reading its key file on every call. Interleaved rounds; the ratio is the median of the per-round ratios.",
    "- **Login throughput**: autocannon POSTs the JWT Bearer start form (same-origin `Origin`) to the production build (`next start`) with the embedded org; only a 303 to `/inspector` that sets the session cookie counts. Baseline: `GET /api/health` on the same server, runs alternated. Latencies are the worst run's. Server CPU per request comes from `/proc`.",
    "- **First-load JS**: every `<script>` of the page's HTML, external files and inline scripts, each gzipped (level 9) and summed; the baseline is a blank Next.js page (root layout + one paragraph) built with the same Next in the same run.",
    "- **Memory**: the server process tree's RSS once warm (after the throughput runs) and after 10,000 more logins at 16 clients, each read after the same idle pause.",
    ...(failures.length
      ? ["", "Failed requests by answer:", "", ...failures.map((f) => `- ${JSON.stringify(f)}`)]
      : []),
    "",
  ].join("\n")
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, md)
}
