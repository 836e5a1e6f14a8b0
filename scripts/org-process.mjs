// Starts the embedded org (lib/emulator/server/main.ts) as a child process: `npm start` runs it
// beside the site, and the test harnesses beside theirs.
import path from "node:path"
import { labEnv, root } from "./lib.mjs"
import { spawnIdp } from "./idp-process.mjs"
import { freePort, freePortPair } from "./ports.mjs"
import { spawnTsServer } from "./ts-server-process.mjs"

/** Spawns the org (scripts/ts-server-process.mjs: `ready`, `exited`, `stop`, `output`). */
export function spawnOrg(opts = {}) {
  return spawnTsServer({
    ...opts,
    name: "the embedded org",
    entry: path.join(root, "lib", "emulator", "server", "main.ts"),
    readyPattern: /Embedded Salesforce org ready/,
  })
}

/**
 * Starts the embedded org alone (lib/emulator/server/main.ts) for a site whose public URL is
 * `publicUrl`, on `orgPort` and the next port (default: two free ones), behind the caller's proxy
 * when `orgListen` names other ports to listen on. Resolves once it is ready.
 */
export async function startOrg({
  dataDir,
  env = {},
  publicUrl,
  orgPort,
  orgListen,
  detached = true,
  log = [],
} = {}) {
  const port = orgPort ?? (await freePortPair())
  // The Token Exchange flow's identity provider starts with the org (lib/idp/main.ts), on
  // SALESFORCE_LAB_IDP_PORT when the caller names it, else on a free port.
  const idpPort = env.SALESFORCE_LAB_IDP_PORT ?? String(await freePort())
  const idpEnv = { SALESFORCE_LAB_IDP_PORT: idpPort }
  const idp = spawnIdp({
    detached,
    env: labEnv({ publicUrl, dataDir, env: { ...env, ...idpEnv } }),
    onOutput: (chunk) => log.push(...chunk.toString("utf8").split("\n").filter(Boolean)),
  })
  const org = spawnOrg({
    detached,
    env: labEnv({
      publicUrl,
      dataDir,
      env: {
        ...env,
        ...idpEnv,
        SALESFORCE_LAB_ORG_PORT: String(port),
        ...(orgListen ? { SALESFORCE_LAB_ORG_LISTEN: orgListen.join(",") } : {}),
      },
    }),
    onOutput: (chunk) => log.push(...chunk.toString("utf8").split("\n").filter(Boolean)),
  })
  const stop = async (signal = "SIGTERM") => {
    await idp.stop(signal)
    return org.stop(signal)
  }
  try {
    await Promise.all([org.ready, idp.ready])
  } catch (e) {
    // One of the two failed to start: the other must not be left running (holding its port).
    await stop("SIGKILL")
    throw e
  }
  return { ...org, port, idpPort, url: `http://127.0.0.1:${port}`, stop, kill: stop }
}
