import type { Db } from "../db/open"

/**
 * The connected app every Salesforce org has for the Salesforce CLI: consumer key `PlatformCLI`,
 * callback `http://localhost:1717/OauthRedirect`, no consumer secret (a public client, PKCE), as
 * `sf org login web` uses it (forcedotcom/sfdx-core `src/org/authInfo.ts`,
 * `DEFAULT_CONNECTED_APP_INFO`, and `src/webOAuthServer.ts`; docs/fidelity.md, F-100). It has no
 * certificate, so the JWT bearer flow cannot use it.
 */
export const PLATFORM_CLI = {
  clientId: "PlatformCLI",
  name: "Salesforce CLI",
  callbackUrl: "http://localhost:1717/OauthRedirect",
} as const

/** Built-in apps are public clients: they never hold a secret. */
export const isBuiltInApp = (clientId: string) => clientId === PLATFORM_CLI.clientId

/** Registers the built-in apps (idempotent; at every start, after a reset too). */
export function registerBuiltInApps(db: Db, now: number): void {
  db.prepare(
    `INSERT INTO connected_apps (client_id, client_secret, name, callback_urls, certificate, updated_at)
     VALUES (?, '', ?, ?, '', ?)
     ON CONFLICT (client_id) DO UPDATE SET client_secret = '', name = excluded.name,
       callback_urls = excluded.callback_urls, certificate = '', updated_at = excluded.updated_at`,
  ).run(PLATFORM_CLI.clientId, PLATFORM_CLI.name, JSON.stringify([PLATFORM_CLI.callbackUrl]), now)
  // Nobody is pre-authorized: each user approves the CLI on the consent page, as on Salesforce.
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')").run(
    `preauth_seeded:${PLATFORM_CLI.clientId}`,
  )
}
