// Memory: the server's resident memory before and after 10,000 JWT Bearer logins. "Before" is taken
// once the server is warm (its code loaded and compiled by earlier requests), so the growth is what
// the logins leave behind, not start-up. Both readings follow the same idle pause, which gives V8 the
// same chance to collect garbage each time.
import { setTimeout as sleep } from "node:timers/promises"
import { load } from "./login-throughput.mjs"

export async function benchMemory(
  site,
  { logins = 10_000, connections = 16, settleMs = 5000 } = {},
) {
  await sleep(settleMs)
  const before = await site.rss()
  const run = await load(site, "login", { connections, amount: logins })
  await sleep(settleMs)
  const after = await site.rss()
  return {
    logins,
    completed: run.good,
    failed: run.failed,
    failures: run.failures,
    before,
    after,
    growth: after - before,
  }
}
