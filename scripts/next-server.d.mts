import type { ChildProcess } from "node:child_process"

export interface RunningSite {
  url: string
  /** The Host header of a browser at the site's public URL (the one the embedded org answers). */
  publicHost: string
  port: number
  pid: number
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  logs(): string[]
  rss(): Promise<number>
  cpuSeconds(): Promise<number>
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function freePort(): Promise<number>
export function getAs(
  url: string,
  host: string,
): Promise<{
  status: number
  headers: import("node:http").IncomingHttpHeaders
  body: string
}>
export function startSite(options?: {
  dataDir?: string
  env?: Record<string, string>
  port?: number
  publicUrl?: string
  timeoutMs?: number
  ownGroup?: boolean
  appDir?: string
  readyPath?: string
}): Promise<RunningSite>
