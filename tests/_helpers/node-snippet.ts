import { spawn } from "node:child_process"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"

/**
 * Runs a "Code to copy" program as a user would: written to a `.mjs` file and started with node, in
 * a child process. The file sits under node_modules/.cache so `import "jsforce"` resolves to the
 * project's copy, and git never sees it.
 */
const ROOT = path.resolve(__dirname, "../..")

export interface RunningSnippet {
  /** stdout and stderr so far. */
  output: () => string
  /** Resolves with the first match of `re` in the output (rejects if the process ends first). */
  waitFor: (re: RegExp, ms?: number) => Promise<RegExpExecArray>
  /** Resolves with the exit code once the program ends by itself. */
  exited: Promise<number | null>
  /** Ends the program (a server never ends by itself) and removes its file. */
  stop: () => Promise<void>
}

export function startSnippet(source: string, env: Record<string, string>): RunningSnippet {
  const cache = path.join(ROOT, "node_modules/.cache")
  fs.mkdirSync(cache, { recursive: true })
  const dir = fs.mkdtempSync(path.join(cache, "flow-snippet-"))
  const file = path.join(dir, "snippet.mjs")
  fs.writeFileSync(file, source)
  const child = spawn(process.execPath, [file], { env: { ...process.env, ...env } })
  let out = ""
  let ended = false
  const listeners = new Set<() => void>()
  const onData = (d: Buffer) => {
    out += d.toString()
    for (const l of listeners) l()
  }
  child.stdout.on("data", onData)
  child.stderr.on("data", onData)
  const exited = new Promise<number | null>((resolve) =>
    child.on("close", (code) => {
      ended = true
      for (const l of listeners) l()
      fs.rmSync(dir, { recursive: true, force: true })
      resolve(code)
    }),
  )
  return {
    output: () => out,
    exited,
    waitFor: (re, ms = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`timed out waiting for ${re}:\n${out}`)), ms)
        const check = () => {
          const m = re.exec(out)
          if (m) done(undefined, m)
          else if (ended) done(new Error(`the program ended before ${re}:\n${out}`))
        }
        const done = (err?: Error, m?: RegExpExecArray) => {
          clearTimeout(timer)
          listeners.delete(check)
          if (err) reject(err)
          else resolve(m!)
        }
        listeners.add(check)
        check()
      }),
    stop: async () => {
      if (!ended) child.kill()
      await exited
    },
  }
}

/** A loopback port nothing listens on right now, for a program that serves its callback URL. */
export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}
