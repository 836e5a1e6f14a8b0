import "server-only"
import type { EmulatorContext } from "./context"
import { openDatabase } from "./db/open"
import {
  appFromOverride,
  loadOrCreateAppCredentials,
  loadOrCreateSigningKey,
  type AppCredentials,
  type AppOverride,
} from "./keys"
import { loadOrCreateControlSecret } from "./control/secret"
import { loadOrCreateCsrfKey } from "./csrf"
import { withOrgHeaders } from "./http-headers"
import { dispatch } from "./router"
import { registerApp } from "./store/apps"
import { registerBuiltInApps } from "./store/built-in-apps"
import { seedRecords } from "./store/records"
import { loadCreatedUsers } from "./store/jit-users"
import { ExternalJwks } from "./oauth/external-jwks"

export interface EmulatorOptions {
  /**
   * The org's My Domain URL and issuer: a bare origin, e.g. `http://127.0.0.1:3001`, where
   * `instance_url`, the identity URLs, discovery and the REST API sit (as on Salesforce).
   */
  baseUrl: string
  /**
   * The org's generic login host (the stand-in for login.salesforce.com), a second bare origin.
   * Both hosts serve the same org; policies that Salesforce applies by host (Client Credentials only
   * at My Domain, the My Domain login policy) ask `hostRole()` (lib/emulator/hosts.ts).
   */
  loginHostUrl?: string
  /** Where the database and generated keys live (git-ignored `.data/` for the site). */
  dataDir: string
  /** Callback URLs registered on the site's connected app. */
  callbackUrls: string[]
  /** Register the app with these credentials instead of generated ones. */
  app?: AppOverride
  /** Clock, for tests that need codes or tokens to expire. */
  now?: () => number
  /**
   * A fixed text put into every access and refresh token right after Salesforce's prefix, so a
   * search of logs, pages and captures for it finds any token that leaked (docs/security.md,
   * *Leak scan*). Letters and digits only: the token alphabet is unchanged.
   */
  tokenMark?: string
  /**
   * Other origins the org also answers at, besides its base URL's (none by default). Requests
   * naming any other host are refused (docs/security.md, S-94).
   */
  allowedOrigins?: string[]
  /**
   * Rate-limit the token, authorize and introspection endpoints by the org settings (default on).
   * Off for load tests and benchmarks (SALESFORCE_LAB_RATE_LIMITS=off, README).
   */
  rateLimits?: boolean
  /** The Token Exchange flow's external identity provider's issuer (lib/idp/ with the lab). */
  externalIdpIssuer?: string
  /** How the org fetches an external provider's JWKS (tests inject an in-process provider). */
  fetch?: typeof fetch
}

export interface Emulator {
  handle: (req: Request) => Promise<Response>
  ctx: EmulatorContext
  /** The site's connected app, with its private key (server-side only). */
  credentials: AppCredentials
  close: () => void
}

/** Opens (or creates on first run) the embedded org and returns its request handler. */
export async function createEmulator(opts: EmulatorOptions): Promise<Emulator> {
  const baseUrl = opts.baseUrl.replace(/\/+$/, "")
  const url = new URL(baseUrl)
  const now = opts.now ?? Date.now
  const [credentials, signingKey] = await Promise.all([
    opts.app ? appFromOverride(opts.app) : loadOrCreateAppCredentials(opts.dataDir),
    loadOrCreateSigningKey(opts.dataDir),
  ])
  const loginHost = opts.loginHostUrl ? new URL(opts.loginHostUrl) : undefined
  const origins = [
    url.origin,
    ...(loginHost ? [loginHost.origin] : []),
    ...(opts.allowedOrigins ?? []).map((o) => new URL(o).origin),
  ]
  const db = openDatabase(opts.dataDir)
  const app = registerApp(db, credentials, opts.callbackUrls, now())
  registerBuiltInApps(db, now())
  seedRecords(db, now())
  loadCreatedUsers(db)
  const ctx: EmulatorContext = {
    db,
    baseUrl,
    basePath: url.pathname.replace(/\/+$/, ""),
    loginHost: loginHost?.host,
    secureCookies: url.protocol === "https:",
    signingKey,
    app,
    now,
    tokenMark: opts.tokenMark ?? "",
    allowedHosts: new Set(origins.map((o) => new URL(o).host)),
    allowedOrigins: new Set(origins),
    csrfKey: loadOrCreateCsrfKey(opts.dataDir),
    controlSecret: loadOrCreateControlSecret(opts.dataDir),
    rateLimits: opts.rateLimits ?? true,
    externalIdpIssuer: opts.externalIdpIssuer,
    externalJwks: new ExternalJwks(opts.fetch ?? fetch, now),
  }
  return {
    handle: async (req) => withOrgHeaders(await dispatch(ctx, req)),
    ctx,
    credentials,
    close: () => db.close(),
  }
}
