import path from "node:path"

// The browser tests run on several Playwright workers at once, and tests change the embedded org
// (resetOrg, settings, approvals): so each worker gets a site + org pair of its own, started by
// scripts/e2e-server.mjs from the same build, on its own ports and data folder. Worker i uses pair i.

/** How many pairs (and Playwright workers): E2E_WORKERS, default 2 (the machine has 2 cores). */
export const PAIR_COUNT = Math.max(1, Number(process.env.E2E_WORKERS ?? 2) || 2)

/** Pair i's site listens on E2E_PORT + i × 10; its org's My Domain and login host on the next two. */
export const PORT_STRIDE = 10

/**
 * This process's pair. Playwright sets TEST_PARALLEL_INDEX (0 to workers − 1) in each worker before
 * it loads the config and the specs, and gives a worker that replaces a failed one the same index;
 * the runner process (which starts the servers) has none and reads pair 0.
 */
export const PAIR_INDEX = Number(process.env.TEST_PARALLEL_INDEX ?? 0)

export interface Pair {
  index: number
  /** The site's port: the recording proxy's, which the browser talks to. */
  port: number
  /** The site's URL (baseURL, NEXTAUTH_URL): `localhost`, as a developer opens it. */
  site: string
  /** The embedded org's My Domain. */
  org: string
  /** The org's generic login host (login.salesforce.com's stand-in). */
  orgLoginHost: string
  /** The pair's data folder (its org's database, keys and app credentials). */
  dataDir: string
}

export function pair(index: number): Pair {
  const port = Number(process.env.E2E_PORT ?? 3100) + index * PORT_STRIDE
  // E2E_DATA_ROOT is made by playwright.config.ts in the runner; the workers inherit it.
  const root = process.env.E2E_DATA_ROOT ?? ""
  return {
    index,
    port,
    site: `http://localhost:${port}`,
    org: `http://127.0.0.1:${port + 1}`,
    orgLoginHost: `http://127.0.0.1:${port + 2}`,
    dataDir: root && path.join(root, `pair-${index}`),
  }
}

/** Every pair of this run: what the leak scan searches. */
export const allPairs = (): Pair[] => Array.from({ length: PAIR_COUNT }, (_, i) => pair(i))

if (PAIR_INDEX >= PAIR_COUNT)
  throw new Error(
    `Playwright worker ${PAIR_INDEX} has no site/org pair: set E2E_WORKERS (now ${PAIR_COUNT}) instead of --workers`,
  )

/** The pair of this worker's tests. */
export const ownPair = (): Pair => pair(PAIR_INDEX)
