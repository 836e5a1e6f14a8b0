import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { getAs, startOrg, startSite } from "../../../scripts/next-server.mjs"
import type { RunningOrg, RunningSite } from "../../../scripts/next-server.mjs"

export type { RunningOrg, RunningSite }

/** The suite runs against the production build: `npm test` builds first, so its absence is a setup error. */
export function requireBuild(): void {
  if (!fs.existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
    throw new Error(
      "No production build in .next: run the suite through `npm test` (or build first: npx next build)",
    )
  }
}

/** A NEXTAUTH_SECRET for instances that must share sessions. */
export const sharedSecret = () => crypto.randomBytes(32).toString("base64url")

/**
 * Starts servers and remembers them, so `stopAll()` in afterAll ends every one this file started
 * (by its own process group, never by name: other suites may run servers on this machine) and
 * removes the data folders it made.
 */
export class Servers {
  private running = new Set<RunningSite | RunningOrg>()
  private dirs: string[] = []

  /** A fresh, empty data folder (its own embedded org: database, keys, app credentials). */
  dataDir(label: string): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `oauth-lab-rel-${label}-`))
    this.dirs.push(dir)
    return dir
  }

  async start(opts: Parameters<typeof startSite>[0]): Promise<RunningSite> {
    const site = await startSite(opts)
    this.running.add(site)
    void site.exited.then(() => this.running.delete(site))
    return site
  }

  /** The embedded org alone, for several site instances to share (they start with `org: false`). */
  async startOrg(opts: Parameters<typeof startOrg>[0]): Promise<RunningOrg> {
    const org = await startOrg(opts)
    this.running.add(org)
    void org.exited.then(() => this.running.delete(org))
    return org
  }

  async stopAll(): Promise<void> {
    await Promise.all(
      [...this.running].map(async (s) => {
        const stopped = await Promise.race([
          s.stop().then(() => true),
          new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
        ])
        if (!stopped) await s.kill("SIGKILL")
      }),
    )
    this.running.clear()
    for (const dir of this.dirs) fs.rmSync(dir, { recursive: true, force: true })
  }
}

/** The site's app as the embedded org generated it into the data folder (test-only, server-side file). */
export function appCredentials(dataDir: string): { clientId: string; clientSecret: string } {
  return JSON.parse(
    fs.readFileSync(path.join(dataDir, "connected-app", "credentials.json"), "utf8"),
  ) as { clientId: string; clientSecret: string }
}

/** "Server says it is alive": the site (and its org) answer over HTTP and it has not exited. */
export async function stillServing(site: RunningSite): Promise<boolean> {
  const exited = await Promise.race([
    site.exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 10)),
  ])
  if (exited) return false
  // Under the public URL's host: the site answers no other (docs/security.md, C-80).
  const res = await getAs(`${site.url}/api/health`, site.publicHost).catch(() => undefined)
  if (res?.status !== 200) return false
  if (!site.orgUrl) return true
  const org = await fetch(`${site.orgUrl}/.well-known/openid-configuration`).catch(() => undefined)
  return org?.status === 200
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
