import path from "node:path"
import { pathToFileURL } from "node:url"

/**
 * scripts/next-server.mjs, loaded as the ES module it is. A static import would go through
 * Playwright's TypeScript transform, which rewrites the .mjs into CommonJS and breaks it.
 */
export async function nextServer(): Promise<typeof import("../../../scripts/next-server.mjs")> {
  const url = pathToFileURL(
    path.join(__dirname, "..", "..", "..", "scripts", "next-server.mjs"),
  ).href
  return (await import(
    /* webpackIgnore: true */ url
  )) as typeof import("../../../scripts/next-server.mjs")
}
