// Starts the lab's external identity provider (lib/idp/main.ts) as a child process, beside the
// embedded org (scripts/org-process.mjs), for the Token Exchange flow: `npm start` runs it, and so
// do the test harnesses through startOrg. Like the org, it runs TypeScript through tsx.
import { spawn } from "node:child_process"
import path from "node:path"
import { root } from "./lib.mjs"

export const IDP_ARGS = [
  "--conditions=react-server",
  "--import",
  "tsx",
  path.join(root, "lib", "idp", "main.ts"),
]

/**
 * Spawns the provider; `ready` resolves once it prints that it is ready and rejects (with what it
 * printed) if it exits first or takes longer than `timeoutMs`.
 */
export function spawnIdp({
  env = process.env,
  detached = false,
  timeoutMs = 60_000,
  onOutput,
} = {}) {
  const child = spawn(process.execPath, IDP_ARGS, {
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
        new Error(
          `the lab identity provider did not start within ${timeoutMs} ms:\n${printed.join("")}`,
        ),
      )
    }, timeoutMs)
    const seen = (chunk) => {
      printed.push(String(chunk))
      onOutput?.(chunk)
      if (/Lab identity provider ready/.test(printed.join(""))) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on("data", seen)
    child.stderr.on("data", seen)
    exited.then((r) => {
      clearTimeout(timer)
      reject(
        new Error(`the lab identity provider exited (${JSON.stringify(r)}):\n${printed.join("")}`),
      )
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
