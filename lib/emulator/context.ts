import type { Db } from "./db/open"
import type { OrgSigningKey } from "./keys"
import type { ExternalJwks } from "./oauth/external-jwks"
import type { ConnectedApp } from "./store/apps"

/** Everything a handler of the embedded org needs; built once by `createEmulator`. */
export interface EmulatorContext {
  db: Db
  /** The org's My Domain URL and issuer, e.g. `http://127.0.0.1:3001` (no trailing slash). */
  baseUrl: string
  /** `host[:port]` of the generic login host (EmulatorOptions.loginHostUrl), when the org has one. */
  loginHost?: string
  /** The path part of `baseUrl` (`/emulator`), under which every Salesforce path hangs. */
  basePath: string
  /** Cookies get `Secure` when the org is served over https. */
  secureCookies: boolean
  signingKey: OrgSigningKey
  /** The site's own connected app. */
  app: ConnectedApp
  now: () => number
  /** Put into every minted token (EmulatorOptions.tokenMark); empty by default. */
  tokenMark: string
  /** `host[:port]` values the org answers (its base URL's, plus EmulatorOptions.allowedOrigins). */
  allowedHosts: ReadonlySet<string>
  /** Origins its page forms may be posted from (the base URL's, plus the extra allowed ones). */
  allowedOrigins: ReadonlySet<string>
  /** HMAC key of the page forms' CSRF tokens (lib/emulator/csrf.ts). */
  csrfKey: Buffer
  /** Bearer secret of the lab's control endpoint (control/secret.ts); never sent to a browser. */
  controlSecret: string
  /** False when SALESFORCE_LAB_RATE_LIMITS=off (EmulatorOptions.rateLimits): no endpoint is rate limited. */
  rateLimits: boolean
  /** The Token Exchange flow's external provider's issuer (its defaults for the handler settings). */
  externalIdpIssuer?: string
  /** The external providers' key sets, fetched over HTTP and cached (oauth/external-jwks.ts). */
  externalJwks: ExternalJwks
}

export const identityUrl = (ctx: EmulatorContext, orgId: string, userId: string) =>
  `${ctx.baseUrl}/id/${orgId}/${userId}`
