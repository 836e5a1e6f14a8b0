import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import crypto from "node:crypto"
import { createEmulator, type Emulator, type EmulatorOptions } from "@/lib/emulator"
import { appFromOverride, type AppCredentials } from "@/lib/emulator/keys"
import { to15 } from "@/lib/emulator/ids"
import { ORG, USERS } from "@/lib/emulator/seed/records"
import { registerApp } from "@/lib/emulator/store/apps"
import { mintAccessToken } from "@/lib/emulator/store/tokens"
import { otherPrivateKeyPem } from "./assertions"
import { seedOrgKeys } from "./seed-keys"

export const SITE = "https://site.test"
export const WEB_CALLBACK = `${SITE}/flows/web-server/callback`
export const UA_CALLBACK = `${SITE}/flows/user-agent/callback`

/** A manual clock: tests move time forward to expire codes, tokens and assertions. */
export class TestClock {
  constructor(public ms = Date.now()) {}
  now = () => this.ms
  advance(ms: number) {
    this.ms += ms
  }
}

export interface TestOrg {
  org: Emulator
  base: string
  clock: TestClock
  dataDir: string
  /** Calls the org in-process: `path` is relative to the org's base URL, or absolute. */
  call: (
    pathOrUrl: string,
    init?: RequestInit & { form?: Record<string, string> | URLSearchParams },
  ) => Promise<Response>
  /** Closes and reopens the org on the same data folder, as a restart does. */
  restart: () => Promise<void>
  close: () => void
}

/** A fresh embedded org in its own temporary folder, called in-process (no sockets). */
export async function createTestOrg(
  opts: Partial<EmulatorOptions> & {
    dataDir?: string
    /** Generate this org's keys itself, as on a first run, instead of the worker's seeded copies. */
    freshKeys?: boolean
  } = {},
): Promise<TestOrg> {
  let dataDir = opts.dataDir
  if (!dataDir) {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-org-"))
    if (!opts.freshKeys) await seedOrgKeys(dataDir, !opts.app)
  }
  const clock = new TestClock()
  const options: EmulatorOptions = {
    baseUrl: opts.baseUrl ?? "http://org.test/emulator",
    dataDir,
    callbackUrls: opts.callbackUrls ?? [WEB_CALLBACK, UA_CALLBACK],
    app: opts.app,
    now: opts.now ?? clock.now,
    tokenMark: opts.tokenMark,
    allowedOrigins: opts.allowedOrigins,
    loginHostUrl: opts.loginHostUrl,
    rateLimits: opts.rateLimits,
    externalIdpIssuer: opts.externalIdpIssuer,
    fetch: opts.fetch,
  }
  const t: TestOrg = {
    org: await createEmulator(options),
    base: options.baseUrl,
    clock,
    dataDir,
    call: async (pathOrUrl, init = {}) => {
      const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : `${t.base}${pathOrUrl}`
      const { form, ...rest } = init
      const headers = new Headers(rest.headers)
      let body = rest.body
      if (form) {
        headers.set("content-type", "application/x-www-form-urlencoded")
        body = new URLSearchParams(form).toString()
      }
      return t.org.handle(
        new Request(url, {
          ...rest,
          method: rest.method ?? (form ? "POST" : "GET"),
          headers,
          body,
        }),
      )
    },
    restart: async () => {
      t.org.close()
      t.org = await createEmulator(options)
    },
    close: () => t.org.close(),
  }
  return t
}

export const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`

export async function jsonOf(res: Response): Promise<Record<string, unknown>> {
  return (await res.json()) as Record<string, unknown>
}

/** A second connected app ("client B") in the org, with its own consumer key, secret and key pair. */
export async function registerOtherApp(t: TestOrg): Promise<AppCredentials> {
  const creds = await appFromOverride({
    clientId: `3MVG9OtherApp${crypto.randomBytes(20).toString("hex")}`,
    clientSecret: crypto.randomBytes(32).toString("hex").toUpperCase(),
    privateKeyPem: otherPrivateKeyPem(),
  })
  registerApp(t.org.ctx.db, creds, [WEB_CALLBACK], t.clock.now())
  return creds
}

/**
 * An hour's `api` access token for admin@example.com, minted straight into the org's store (no
 * grant): for tests of what the org does with a token, not how one is obtained. `clientId` is the
 * app it is issued to (the org's own app by default).
 */
export function adminAccessToken(t: TestOrg, clientId = t.org.credentials.clientId): string {
  const admin = USERS.find((u) => u.Username === "admin@example.com")!
  return mintAccessToken(
    t.org.ctx.db,
    to15(ORG.Id),
    { clientId, userId: admin.Id, scopes: ["api"] },
    t.clock.now(),
    60 * 60_000,
  ).token
}
