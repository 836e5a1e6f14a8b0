// Starts the embedded org (lib/emulator/server/main.ts) as a child process: `npm start` runs it
// beside the site, and the test harnesses beside theirs. Node 20 cannot run TypeScript, so tsx
// compiles it on the fly; `react-server` is the export condition under which `server-only` loads
// outside Next (the org holds keys and tokens, and its modules say so).
import { spawn } from "node:child_process"
import path from "node:path"
import { labEnv, root } from "./lib.mjs"
import { spawnIdp } from "./idp-process.mjs"
import { freePort, freePortPair } from "./ports.mjs"

export const ORG_ARGS = [
  "--conditions=react-server",
  "--import",
  "tsx",
  path.join(root, "lib", "emulator", "server", "main.ts"),
]

/**
 * Spawns the org; resolves once it prints that it is ready, rejects (with what it printed) if it
 * exits first or takes longer than `timeoutMs`. `onOutput` sees every chunk it prints.
 */
export function spawnOrg({
  env = process.env,
  detached = false,
  timeoutMs = 60_000,
  onOutput,
} = {}) {
  const child = spawn(process.execPath, ORG_ARGS, {
    cwd: root,
    detached,
    stdio: ["ignore", "pipe", "pipe"],
    env,
  })
  const printed = []
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  )
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
      reject(
        new Error(`the embedded org did not start within ${timeoutMs} ms:\n${printed.join("")}`),
      )
    }, timeoutMs)
    const seen = (chunk) => {
      printed.push(String(chunk))
      onOutput?.(chunk)
      if (/Embedded Salesforce org ready/.test(printed.join(""))) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", seen)
    child.stderr.on("data", seen)
    exited.then((r) => {
      clearTimeout(timer)
      reject(new Error(`the embedded org exited (${JSON.stringify(r)}):\n${printed.join("")}`))
    })
  })
  return { child, ready, exited, output: () => printed.join("") }
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
  await Promise.all([org.ready, idp.ready])
  const stop = async (signal = "SIGTERM") => {
    await idp.stop(signal)
    try {
      if (detached) process.kill(-org.child.pid, signal)
      else org.child.kill(signal)
    } catch {
      // Already gone.
    }
    return org.exited
  }
  return { ...org, port, idpPort, url: `http://127.0.0.1:${port}`, stop, kill: stop }
}
