// `npm run test:reliability [-- vitest args]`: the reliability suite alone (real `next start`
// servers: two instances, bad input at volume, load, crash and restart), building when needed.
import { bin, buildIfNeeded, run } from "./lib.mjs"

if ((await buildIfNeeded()) !== 0) process.exit(1)
process.exit(
  await run(bin("vitest"), [
    "run",
    "-c",
    "vitest.reliability.config.mts",
    ...process.argv.slice(2),
  ]),
)
