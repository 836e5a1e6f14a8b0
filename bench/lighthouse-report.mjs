// The markdown report of `npm run lighthouse` (bench/lighthouse.md or bench/lighthouse-mobile.md):
// the scores table, then per page its metrics, every weighted audit below 0.9 with the first items
// that say what to fix, the audits Lighthouse could not run, and its run warnings.

/**
 * `results` are bench/lighthouse-run.mjs summaries with their score range; `header` and `lines` the
 * table as printed; `setting` says how Lighthouse ran (desktop, or mobile and its CPU slowdown).
 */
export function markdownReport({
  results,
  header,
  lines,
  runs,
  version,
  facts,
  setting,
  command,
  browser,
}) {
  return [
    "# Lighthouse results",
    "",
    `Written by \`${command}\` on ${facts.date} (commit ${facts.commit}): Lighthouse ${version}, ${setting}, ${browser} headless, production build with the embedded org.`,
    "",
    `- Machine: ${facts.cpus}; Node ${facts.node}; load average at start ${facts.load}.`,
    "- Goals: performance ≥ 95, accessibility 100, best practices ≥ 95 (SEO reported).",
    `- Each page was measured ${runs} times, the pages taking turns; the scores are Lighthouse's median run (closest to the median FCP and TTI, lighthouse/core/lib/median-run.js), and the range column gives the performance score of every run.`,
    "- Baselines, measured in the same run: a blank Next.js page built with the same `next`; the same blank page served the way the site serves its pages (rendered per request, the site's own headers and nonce CSP; bench/blank-app.mjs); the JWT Bearer page as plain `next start` serves it, with the framework's runtime and hydration that the site's server leaves out of the pages that render no client component (scripts/script-free.mjs); and the site's JWT Bearer page with `Cross-Origin-Opener-Policy: same-origin` added on the way (bench/coop-proxy.mjs), the header the site leaves out on pages that show nobody's flow (docs/security.md). The benchmark index is Lighthouse's measure of this machine's speed during the median run (a mid-tier desktop scores about 1000 and up); Lighthouse simulates a mobile CPU as this machine slowed down 4x, so on a slow or busy machine every score drops, the baselines' too.",
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
      ...(r.errored.length
        ? ["", "Audits Lighthouse could not run:", "", ...r.errored.map((e) => `- ${e}`)]
        : []),
      ...(r.warnings.length ? ["", "Run warnings:", "", ...r.warnings.map((w) => `- ${w}`)] : []),
      "",
    ]),
  ].join("\n")
}
