// Starts the built site (`next start`) as a child process on a free loopback port, for the test
// suites and benchmarks that need one or more real servers (reliability, leak capture, bench).
// The caller owns the process: `stop()` ends it with SIGTERM, `kill("SIGKILL")` simulates a crash.
import { spawn } from "node:child_process"
import http from "node:http"
import net from "node:net"
import path from "node:path"
import { root } from "./lib.mjs"

/** A TCP port the kernel says is free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on("error", reject)
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/**
 * A GET over plain HTTP to `url` that names `host` in its Host header, as a browser at the site's
 * public URL does: the embedded org answers only its own host (docs/security.md, S-94), and fetch
 * cannot set Host. Resolves with the status and headers (Set-Cookie as an array) and the body text.
 */
export function getAs(url, host) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: { host } }, (res) => {
      const chunks = []
      res.on("data", (c) => chunks.push(c))
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        }),
      )
      res.on("error", reject)
    })
    req.on("error", reject)
  })
}

/**
 * Runs `next start` for the existing build in `.next` (build first: scripts/lib.mjs buildIfNeeded).
 * `publicUrl` is the NEXTAUTH_URL the site believes it is served at (defaults to its own address);
 * `env` is merged over a clean embedded-org environment with `dataDir` as the lab's data folder.
 * Resolves once `readyPath` answers 200: by default the embedded org's discovery document. `appDir` runs
 * another built Next app instead of this one (the bench's blank baseline app), with this repository's
 * `next`. With `ownGroup: false` the server stays in the caller's process group, so whoever kills the
 * caller's group kills it too.
 */
export async function startSite({
  dataDir,
  env = {},
  port,
  publicUrl,
  timeoutMs = 60_000,
  appDir = root,
  readyPath = "/emulator/.well-known/openid-configuration",
  ownGroup = true,
} = {}) {
  const listenPort = port ?? (await freePort())
  const url = `http://127.0.0.1:${listenPort}`
  /** The Host a browser at the public URL sends: the only one the embedded org answers. */
  const publicHost = new URL(publicUrl ?? url).host
  const logLines = []
  const child = spawn(
    path.join(root, "node_modules", ".bin", "next"),
    ["start", "-p", String(listenPort), "-H", "127.0.0.1"],
    {
      cwd: appDir,
      detached: ownGroup,
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: "1",
        NEXTAUTH_URL: publicUrl ?? url,
        SALESFORCE_LAB_DATA_DIR: dataDir,
        SALESFORCE_LOGIN_URL: "",
        SALESFORCE_CLIENT_ID: "",
        SALESFORCE_CLIENT_SECRET: "",
        SALESFORCE_PRIVATE_KEY: "",
        SALESFORCE_PRIVATE_KEY_FILE: "",
        ...env,
      },
    },
  )
  const collect = (chunk) => logLines.push(...chunk.toString("utf8").split("\n").filter(Boolean))
  child.stdout.on("data", collect)
  child.stderr.on("data", collect)
  const exited = new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal })),
  )

  const site = {
    url,
    publicHost,
    port: listenPort,
    pid: child.pid,
    child,
    exited,
    /** Everything the server printed so far (stdout and stderr), one entry per line. */
    logs: () => logLines.slice(),
    /** Resident memory of the server process tree's main process, in bytes (Linux /proc). */
    rss: async () => {
      const fs = await import("node:fs")
      const pids = [child.pid, ...childPids(fs, child.pid)]
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
      for (const pid of [child.pid, ...childPids(fs, child.pid)]) {
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
    kill: (signal = "SIGTERM") => {
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
    if (early)
      throw new Error(
        `next start exited before it was ready (${JSON.stringify(early)}):\n${logLines.join("\n")}`,
      )
    try {
      const res = await getAs(`${url}${readyPath}`, publicHost)
      if (res.status === 200) return site
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await site.kill("SIGKILL")
      throw new Error(`next start did not answer within ${timeoutMs} ms:\n${logLines.join("\n")}`)
    }
  }
}

/** The descendants of `pid` (next start forks its server). */
function childPids(fs, pid) {
  const out = []
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const kids = fs
        .readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8")
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number)
      for (const k of kids) out.push(k, ...childPids(fs, k))
    }
  } catch {
    // Gone, or no /proc (not Linux): report what we have.
  }
  return out
}
