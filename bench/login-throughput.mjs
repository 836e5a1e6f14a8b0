// Login throughput: complete JWT Bearer logins per second through the running site and its embedded
// org, against the bare /api/health route of the same server at the same concurrency. Each response
// is checked: only completed logins count, and every other answer is counted as an error and reported.
import autocannon from "autocannon"
import { isCompleteLogin, startRequest } from "./jwt-login.mjs"

const health = () => ({ method: "GET", path: "/api/health" })
const healthOk = (status, headers, body) => status === 200 && body === '{"status":"ok"}'

/**
 * One autocannon run of `kind` ("login" or "bare") against `site` (scripts/next-server.mjs): rate of
 * good answers, latencies, failures, and the server's CPU milliseconds per good answer.
 */
export async function load(site, kind, { connections = 16, durationS = 10, amount } = {}) {
  const siteUrl = site.url
  const request = kind === "login" ? startRequest(siteUrl) : health()
  const check = kind === "login" ? (status, headers) => isCompleteLogin(status, headers) : healthOk
  let good = 0
  const bad = new Map()
  const cpuBefore = await site.cpuSeconds()
  const result = await autocannon({
    url: siteUrl,
    connections,
    ...(amount ? { amount } : { duration: durationS }),
    requests: [
      {
        ...request,
        onResponse: (status, body, _context, headers) => {
          if (check(status, headers, body)) good++
          else {
            const key = `${status} ${headers.location ?? ""}`.trim()
            bad.set(key, (bad.get(key) ?? 0) + 1)
          }
        },
      },
    ],
  })
  const cpu = (await site.cpuSeconds()) - cpuBefore
  const seconds = result.duration // measured by autocannon, in seconds
  return {
    kind,
    good,
    cpu,
    rate: good / seconds,
    seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: [...bad.values()].reduce((a, b) => a + b, 0) + result.errors + result.timeouts,
    failures: Object.fromEntries([
      ...bad,
      ...(result.errors ? [["socket errors", result.errors]] : []),
      ...(result.timeouts ? [["timeouts", result.timeouts]] : []),
    ]),
  }
}

/** Merges runs of one kind: totals over total time; latencies are the worst run's (conservative). */
function merge(runs) {
  const good = runs.reduce((a, r) => a + r.good, 0)
  const seconds = runs.reduce((a, r) => a + r.seconds, 0)
  const cpu = runs.reduce((a, r) => a + r.cpu, 0)
  const failures = {}
  for (const r of runs)
    for (const [k, v] of Object.entries(r.failures)) failures[k] = (failures[k] ?? 0) + v
  return {
    good,
    seconds,
    rate: good / seconds,
    cpuMs: (cpu * 1000) / good,
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    failed: runs.reduce((a, r) => a + r.failed, 0),
    failures,
  }
}

/**
 * Warms both routes, then alternates bare and login runs (`rounds` of each), so both meet the same
 * machine conditions; the ratio is over the totals.
 */
export async function benchLogins(
  site,
  { rounds = 2, durationS = 10, connections = 16, warmupS = 3 } = {},
) {
  await load(site, "bare", { connections, durationS: warmupS })
  await load(site, "login", { connections, durationS: warmupS })
  const runs = { bare: [], login: [] }
  for (let r = 0; r < rounds; r++) {
    const order = r % 2 ? ["login", "bare"] : ["bare", "login"]
    for (const kind of order) runs[kind].push(await load(site, kind, { connections, durationS }))
  }
  const bare = merge(runs.bare)
  const login = merge(runs.login)
  // The CPU ratio is what the rate ratio would be on a machine where the server had the cores to itself.
  return {
    bare,
    login,
    ratio: login.rate / bare.rate,
    cpuRatio: bare.cpuMs / login.cpuMs,
    connections,
    durationS,
    rounds,
  }
}
