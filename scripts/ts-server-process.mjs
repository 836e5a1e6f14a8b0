// Starts one of the lab's own TypeScript servers (the embedded org, the external identity provider)
// as a child process. Node 20 cannot run TypeScript, so tsx compiles it on the fly; `react-server`
// is the export condition under which `server-only` loads outside Next (both servers hold keys and
// tokens, and their modules say so).
import { spawn } from "node:child_process"
import { root } from "./lib.mjs"

/** Node's arguments that run the TypeScript file `entry` (a path). */
export const tsServerArgs = (entry) => ["--conditions=react-server", "--import", "tsx", entry]

/**
 * Spawns `entry`; `ready` resolves once its output matches `readyPattern` and rejects (with what it
 * printed) if it exits first or takes longer than `timeoutMs`. `onOutput` sees every chunk it prints;
 * `stop(signal)` ends it (its whole process group when `detached`) and resolves when it has exited.
 */
export function spawnTsServer({
  name,
  entry,
  readyPattern,
  env = process.env,
  detached = false,
  timeoutMs = 60_000,
  onOutput,
}) {
  const child = spawn(process.execPath, tsServerArgs(entry), {
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
      reject(new Error(`${name} did not start within ${timeoutMs} ms:\n${printed.join("")}`))
    }, timeoutMs)
    const seen = (chunk) => {
      printed.push(String(chunk))
      onOutput?.(chunk)
      if (readyPattern.test(printed.join(""))) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", seen)
    child.stderr.on("data", seen)
    exited.then((r) => {
      clearTimeout(timer)
      reject(new Error(`${name} exited (${JSON.stringify(r)}):\n${printed.join("")}`))
    })
  })
  const stop = async (signal = "SIGTERM") => {
    try {
      if (detached) process.kill(-child.pid, signal)
      else child.kill(signal)
    } catch {
      // Already gone.
    }
    return exited
  }
  return { child, ready, exited, stop, output: () => printed.join("") }
}
