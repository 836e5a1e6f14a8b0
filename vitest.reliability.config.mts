import { defineConfig } from "vitest/config"

// The reliability suite (tests/reliability): real `next start` servers on the production build,
// one file at a time (they load the 2-core machine on purpose), with long timeouts. `npm test` runs
// it after the build; the main vitest config does not include these files.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "node",
    include: ["tests/reliability/**/*.test.ts"],
    fileParallelism: false,
    sequence: { concurrent: false },
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
})
