import fs from "node:fs"
import path from "node:path"

/** next-auth's actions under /api/auth/[...nextauth]. */
const NEXT_AUTH_ACTIONS = [
  "session",
  "csrf",
  "providers",
  "signin",
  "signin/salesforce",
  "signout",
  "callback/salesforce",
  "error",
  "_log",
]

/** Paths the emulator router matches by pattern rather than by key. */
const ORG_PATTERN_PATHS = [
  "/id/00D5g0000LABORGAAA/0055g00000DEMO1AAA",
  "/id/%00/..%2F..",
  "/services/data",
  "/services/data/v66.0",
  "/services/data/v66.0/limits",
  "/services/data/v66.0/query",
  "/services/data/v66.0/sobjects/Account",
  "/services/data/v66.0/sobjects/User/0055g00000DEMO1AAA",
  // The lab's control endpoint: garbage without the secret is 401 (docs/security.md, C-150).
  "/_lab/scenarios/user-agent-blocked/break",
]

/** Every URL path of the site: each app/**\/page.tsx and route.ts, with sample values for dynamic segments. */
export function siteRoutes(root = process.cwd()): string[] {
  const out: string[] = []
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === "page.tsx" || entry.name === "route.ts") {
        const segments = path
          .relative(path.join(root, "app"), dir)
          .split(path.sep)
          .filter((s) => s && !/^\(.*\)$/.test(s))
        const url = `/${segments.join("/")}`
        if (url.includes("[...nextauth]"))
          out.push(...NEXT_AUTH_ACTIONS.map((a) => url.replace("[...nextauth]", a)))
        else if (url.includes("[[...path]]"))
          continue // the embedded org: its own router lists its paths
        else if (url === "/errors/[id]")
          // An entry of the catalogue, and an id it does not have (a 404 page).
          out.push("/errors/invalid-client-id", "/errors/no-such-entry")
        else if (url.includes("["))
          throw new Error(`routes.ts does not know how to fill the dynamic segment of ${url}`)
        else out.push(url)
      }
    }
  }
  walk(path.join(root, "app"))
  return [...new Set(out)].sort()
}

/** Every path of the embedded org (at its origin's root): the exact keys of lib/emulator/router.ts and its patterns. */
export function orgRoutes(root = process.cwd()): string[] {
  const source = fs.readFileSync(path.join(root, "lib", "emulator", "router.ts"), "utf8")
  const exact = [...source.matchAll(/"(?:GET|POST) (\/[^"]*)"/g)].map((m) => m[1]!)
  if (exact.length < 10)
    throw new Error("routes.ts no longer finds the embedded org's routes in lib/emulator/router.ts")
  return [...new Set([...exact, ...ORG_PATTERN_PATHS])].sort()
}
