// Starts the built site (its server, scripts/site-server.mjs) as a child process on a free loopback
// port, for the test suites and benchmarks that need one or more real servers (reliability, leak
// capture, bench).
// The caller owns the process: `stop()` ends it with SIGTERM, `kill("SIGKILL")` simulates a crash.
import { spawn } from "node:child_process"
import path from "node:path"
import { labEnv, root } from "./lib.mjs"
import { startOrg } from "./org-process.mjs"
import { freePort, freePortPair, getAs } from "./ports.mjs"
import { childPids, orgPidsOf } from "./process-tree.mjs"

export { freePort, freePortPair, getAs, startOrg }

/**
 * Runs the site's server for the existing build in `.next` (build first: scripts/lib.mjs buildIfNeeded).
 * `publicUrl` is the NEXTAUTH_URL the site believes it is served at (defaults to its own address);
 * `env` is merged over a clean embedded-org environment with `dataDir` as the lab's data folder.
 * Unless `env` names a real org (SALESFORCE_LOGIN_URL), the embedded org starts first, as its own
 * process on two free ports (`orgPort`, default: any), or `org: false` leaves it to the caller
 * (who sets SALESFORCE_LAB_ORG_PORT in `env`). `orgListen` has it listen on other ports than its
 * public ones, behind the caller's proxy. Resolves once `readyPath` answers 200. `appDir` runs
 * another built Next app instead of this one (the bench's blank baseline app), with this repository's
 * `next`; `plainNext` runs this site on plain `next start`, every page with Next.js's runtime (a
 * bench baseline). With `ownGroup: false` the server stays in the caller's process group, so whoever kills the
 * caller's group kills it too.
 */
export async function startSite({
  dataDir,
  env = {},
  port,
  publicUrl,
  timeoutMs = 60_000,
  appDir = root,
  readyPath = "/api/health",
  ownGroup = true,
  plainNext = false,
  org = appDir === root && !env.SALESFORCE_LOGIN_URL,
  orgPort,
  orgListen,
} = {}) {
  const listenPort = port ?? (await freePort())
  const url = `http://127.0.0.1:${listenPort}`
  /** The Host a browser at the public URL sends: the only one the site answers. */
  const publicHost = new URL(publicUrl ?? url).host
  const logLines = []
  const orgEnv = {}
  let orgProcess
  if (org) {
    orgProcess = await startOrg({
      dataDir,
      env,
      publicUrl: publicUrl ?? url,
      orgPort,
      orgListen,
      detached: ownGroup,
      log: logLines,
    })
    orgEnv.SALESFORCE_LAB_ORG_PORT = String(orgProcess.port)
    orgEnv.SALESFORCE_LAB_IDP_PORT = orgProcess.idpPort
  }
  // This site runs on its own server (`next start` plus the script-free pages); another app
  // (the bench's blank baseline), or this one with `plainNext`, on plain `next start`.
  const [command, args] =
    appDir === root && !plainNext
      ? [process.execPath, [path.join(root, "scripts", "site-server.mjs")]]
      : [path.join(root, "node_modules", ".bin", "next"), ["start"]]
  const child = spawn(command, [...args, "-p", String(listenPort), "-H", "127.0.0.1"], {
    cwd: appDir,
    detached: ownGroup,
    stdio: ["ignore", "pipe", "pipe"],
    env: labEnv({ publicUrl: publicUrl ?? url, dataDir, env: { ...env, ...orgEnv } }),
  })
  const collect = (chunk) => logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean))
  child.stdout.on("data", collect)
  child.stderr.on("data", collect)
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  )

  const orgPortUsed = orgEnv.SALESFORCE_LAB_ORG_PORT ?? env.SALESFORCE_LAB_ORG_PORT
  const orgUrl = orgPortUsed ? `http://127.0.0.1:${orgPortUsed}` : undefined
  const idpPortUsed = orgEnv.SALESFORCE_LAB_IDP_PORT ?? env.SALESFORCE_LAB_IDP_PORT
  const site = {
    url,
    publicHost,
    /** The embedded org's My Domain, when this call started one; its login host is the next port. */
    orgUrl,
    /** The Token Exchange flow's identity provider (started with the org), when there is one. */
    idpUrl: idpPortUsed ? `http://127.0.0.1:${idpPortUsed}` : undefined,
    org: orgProcess,
    port: listenPort,
    pid: child.pid,
    child,
    exited,
    /** Everything the server printed so far (stdout and stderr), one entry per line. */
    logs: () => logLines.slice(),
    /** Resident memory of the server process tree's main process, in bytes (Linux /proc). */
    rss: async () => {
      const fs = await import("node:fs")
      const pids = [child.pid, ...childPids(fs, child.pid), ...orgPidsOf(fs, orgProcess)]
      let total = 0
      for (const pid of pids) {
        try {
          const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))
          if (m) total += Number(m[1]) * 1024
        } catch {
          // The process ended between listing and reading.
        }
      }
      return total
    },
    /**
     * CPU time (user + system) the server process tree has used so far, in seconds (Linux /proc).
     * Per request, it is a cost that other load on a shared machine barely disturbs, unlike a rate.
     */
    cpuSeconds: async () => {
      const fs = await import("node:fs")
      let ticks = 0
      for (const pid of [child.pid, ...childPids(fs, child.pid), ...orgPidsOf(fs, orgProcess)]) {
        try {
          // Fields 14 and 15 (utime, stime) counted after the command name, which may hold spaces.
          const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8")
          const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
          ticks += Number(fields[11]) + Number(fields[12])
        } catch {
          // The process ended between listing and reading.
        }
      }
      return ticks / 100 // USER_HZ is 100 on Linux
    },
    kill: async (signal = "SIGTERM") => {
      try {
        if (ownGroup) process.kill(-child.pid, signal)
        else child.kill(signal)
      } catch {
        // Already gone.
      }
      if (orgProcess) await orgProcess.kill(signal)
      return exited
    },
    /** Kills only the site's process (the org runs on), as a crash of the site would. */
    killSite: (signal = "SIGKILL") => {
      try {
        if (ownGroup) process.kill(-child.pid, signal)
        else child.kill(signal)
      } catch {
        // Already gone.
      }
      return exited
    },
    stop: () => site.kill("SIGTERM"),
  }

  const deadline = Date.now() + timeoutMs
  for (;;) {
    const early = await Promise.race([
      exited,
      new Promise((r) => setTimeout(() => r(undefined), 100)),
    ])
    if (early) {
      await site.kill("SIGKILL")
      throw new Error(
        `the server exited before it was ready (${JSON.stringify(early)}):\n${logLines.join("\n")}`,
      )
    }
    try {
      const res = await getAs(`${url}${readyPath}`, publicHost)
      if (res.status === 200) return site
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await site.kill("SIGKILL")
      throw new Error(`the server did not answer within ${timeoutMs} ms:\n${logLines.join("\n")}`)
    }
  }
}
