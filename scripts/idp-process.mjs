// Starts the lab's external identity provider (lib/idp/main.ts) as a child process, beside the
// embedded org (scripts/org-process.mjs), for the Token Exchange flow: `npm start` runs it, and so
// do the test harnesses through startOrg.
import path from "node:path"
import { root } from "./lib.mjs"
import { spawnTsServer } from "./ts-server-process.mjs"

/** Spawns the provider (scripts/ts-server-process.mjs: `ready`, `exited`, `stop`, `output`). */
export function spawnIdp(opts = {}) {
  return spawnTsServer({
    ...opts,
    name: "the lab identity provider",
    entry: path.join(root, "lib", "idp", "main.ts"),
    readyPattern: /Lab identity provider ready/,
  })
}
