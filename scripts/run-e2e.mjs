// `npm run test:e2e [-- playwright args]`: the browser tests alone, building the site when needed.
import { bin, buildIfNeeded, findChromium, run } from "./lib.mjs"

const chromium = await findChromium()
if (!chromium) {
  console.error(
    "No Chromium for the browser tests: sudo apt-get install -y chromium chromium-headless-shell (or set CHROMIUM_PATH), or npx playwright install chromium",
  )
  process.exit(1)
}
if ((await buildIfNeeded()) !== 0) process.exit(1)
process.exit(
  await run(bin("playwright"), ["test", ...process.argv.slice(2)], {
    env: { CHROMIUM_PATH: chromium },
  }),
)
