// `npm run bench`: the issue-7 benchmarks, each a ratio to a baseline measured in the same run.
// Builds what is missing, starts its own servers on free loopback ports (a fresh embedded org in a
// temp folder), prints a table and writes bench/results.md. Arguments pick parts for a quick look
// (`npm run bench -- signing pages`); only a full run writes results.md.
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { buildIfNeeded, root } from "../scripts/lib.mjs"
import { startSite } from "../scripts/next-server.mjs"
import { buildBlankApp } from "./blank-app.mjs"
import { loginCookie } from "./jwt-login.mjs"
import { benchLogins, load } from "./login-throughput.mjs"
import { benchMemory } from "./memory.mjs"
import { benchPages } from "./page-weight.mjs"
import { machine, printTable, rows, writeMarkdown } from "./report.mjs"
import { benchSigning } from "./signing.mjs"

const PARTS = ["signing", "pages", "logins", "memory"]
const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"))
const unknown = wanted.filter((w) => !PARTS.includes(w))
if (unknown.length) {
  console.error(`Unknown part(s): ${unknown.join(", ")}. Parts: ${PARTS.join(", ")}.`)
  process.exit(2)
}
const parts = new Set(wanted.length ? wanted : PARTS)

// Everything this run starts, so that any exit (an error, Ctrl-C) stops it and removes its files.
const servers = new Set()
const temps = new Set()
async function cleanUp() {
  await Promise.all([...servers].map((s) => s.stop()))
  servers.clear()
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true })
  temps.clear()
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the bench's servers…`)
    cleanUp().finally(() => process.exit(130))
  })
}
const start = async (options) => {
  const site = await startSite(options)
  servers.add(site)
  return site
}
const stop = async (site) => {
  servers.delete(site)
  await site.stop()
}
const step = (text) => console.log(`\n— ${text}`)

async function main() {
  const startFacts = machine()
  const figures = {}
  if (parts.has("pages") || parts.has("logins") || parts.has("memory")) {
    step("Building the site (when its sources changed)")
    if ((await buildIfNeeded()) !== 0) throw new Error("the site's build failed")
  }
  let blankDir
  if (parts.has("pages")) {
    step("Building a blank Next.js app (the page-weight baseline)")
    blankDir = await buildBlankApp()
    temps.add(blankDir)
  }

  // In-process, before any server runs: nothing of ours competes for the CPU.
  if (parts.has("signing")) {
    step("Assertion signing")
    figures.signing = await benchSigning()
  }

  if (parts.has("pages") || parts.has("logins") || parts.has("memory")) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "lab-bench-org-"))
    temps.add(dataDir)
    // The login and memory parts sign the admin in thousands of times a minute, past the org's
    // default 3,600 logins per user per hour: the bench measures throughput, so rate limits are off.
    const site = await start({ dataDir, env: { SALESFORCE_LAB_RATE_LIMITS: "off" } })
    if (parts.has("pages")) {
      step("Page weight")
      const blank = await start({ appDir: blankDir, readyPath: "/" })
      figures.pages = await benchPages(
        site.url,
        blank.url,
        await loginCookie(site.url),
        site.orgUrl,
      )
      await stop(blank)
    }
    if (parts.has("logins")) {
      step("Login throughput (about a minute)")
      figures.logins = await benchLogins(site)
    }
    if (parts.has("memory")) {
      step("Memory across 10,000 logins")
      if (!figures.logins) await load(site, "login", { durationS: 5 }) // warm the server up first
      figures.memory = await benchMemory(site)
    }
    await stop(site)
  }

  const table = rows(figures)
  console.log("")
  printTable(table)
  if (PARTS.every((p) => parts.has(p))) {
    const file = path.join(root, "bench", "results.md")
    writeMarkdown(file, table, { start: startFacts, end: machine(), figures })
    console.log(`\nWritten: ${path.relative(process.cwd(), file)}`)
  }
  const gaps = table.filter((r) => r.result.startsWith("GAP")).length
  console.log(
    gaps ? `\n${gaps} figure(s) miss their goal (GAP above).` : "\nEvery figure meets its goal.",
  )
}

main()
  .then(cleanUp)
  .catch(async (e) => {
    console.error(e)
    await cleanUp()
    process.exitCode = 1
  })
