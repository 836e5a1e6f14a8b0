import type { ChildProcess } from "node:child_process"

export interface RunningSite {
  url: string
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
