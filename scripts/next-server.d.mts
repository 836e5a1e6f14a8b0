import type { ChildProcess } from "node:child_process"

export interface RunningSite {
  url: string
  /** The Host header of a browser at the site's public URL (the one the embedded org answers). */
  publicHost: string
  /** The embedded org's My Domain (its login host is the next port), when there is one. */
  orgUrl?: string
  /** The Token Exchange flow's identity provider (started with the org), when there is one. */
  idpUrl?: string
  org?: RunningOrg
  port: number
  pid: number
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  logs(): string[]
  rss(): Promise<number>
  cpuSeconds(): Promise<number>
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  /** Kills the site's process only (the org runs on), as a crash of the site would. */
  killSite(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export interface RunningOrg {
  url: string
  port: number
  child: ChildProcess
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  output(): string
  stop(signal?: NodeJS.Signals): Promise<unknown>
  kill(signal?: NodeJS.Signals): Promise<unknown>
}
export function startOrg(options: {
  dataDir?: string
  env?: Record<string, string>
  publicUrl: string
  orgPort?: number
  orgListen?: number[]
  detached?: boolean
  log?: string[]
}): Promise<RunningOrg>

export function freePort(): Promise<number>
export function freePortPair(): Promise<number>
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
  org?: boolean
  orgPort?: number
  orgListen?: number[]
}): Promise<RunningSite>
