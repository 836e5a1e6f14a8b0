import { defineConfig } from "vitest/config"

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    environment: "node",
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**", ".next/**"],
    setupFiles: ["tests/_helpers/setup.ts"],
    // Vitest's default is one worker per core minus one: a single worker on a 2-core machine,
    // where many files spend their time waiting on child processes and sockets. Two keep both
    // cores busy (each file still runs its tests in order, with its own org and temp folder).
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
