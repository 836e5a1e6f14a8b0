import { isBrowserLoopbackHost } from "@/lib/config/login-url"
import type { Db } from "../db/open"
import type { AppCredentials } from "../keys"
import { registrationOverride } from "./app-registration"
import { USERS } from "../seed/records"

export interface ConnectedApp {
  clientId: string
  clientSecret: string
  name: string
  callbackUrls: string[]
  certificatePem: string
}

export const APP_NAME = "Salesforce OAuth Lab"

/**
 * Registers (or re-registers) the site's connected app. Called at every start so the app always
 * matches the current credentials and the site's callback URLs; a new client id gets the seeded
 * pre-authorizations, an existing one keeps whatever the settings page made of them.
 */
/**
 * A callback URL Salesforce would accept: https, http only on this machine (loopback), or a custom
 * scheme for native apps. Plain http elsewhere would hand codes and tokens to the network
 * (RFC 9700 §2.6, docs/security.md, S-04).
 */
export function callbackUrlProblem(raw: string): string | undefined {
  let u: URL
  try {
    u = new URL(raw)
  } catch {
    return `${raw} is not a URL`
  }
  if (u.hash) return `${raw} must not have a fragment`
  if (u.protocol === "http:" && !isBrowserLoopbackHost(u.hostname))
    return `${raw} must use https (http only on localhost)`
  if (u.protocol === "javascript:" || u.protocol === "data:" || u.protocol === "file:")
    return `${raw} has a forbidden scheme`
  return undefined
}

export function registerApp(
  db: Db,
  app: AppCredentials,
  callbackUrls: string[],
  now: number,
): ConnectedApp {
  const problems = callbackUrls.map(callbackUrlProblem).filter((p): p is string => !!p)
  if (problems.length)
    throw new Error(`the connected app's callback URLs are refused: ${problems.join("; ")}`)
  db.transaction(() => {
    db.prepare(
      `INSERT INTO connected_apps (client_id, client_secret, name, callback_urls, certificate, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (client_id) DO UPDATE SET client_secret = excluded.client_secret,
         callback_urls = excluded.callback_urls, certificate = excluded.certificate, updated_at = excluded.updated_at`,
    ).run(
      app.clientId,
      app.clientSecret,
      APP_NAME,
      JSON.stringify(callbackUrls),
      app.certificatePem,
      now,
    )
    const seeded = db
      .prepare("SELECT 1 FROM meta WHERE key = ?")
      .get(`preauth_seeded:${app.clientId}`)
    if (!seeded) seedPreauthorizations(db, app.clientId)
  }).immediate()
  return {
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    name: APP_NAME,
    callbackUrls,
    certificatePem: app.certificatePem,
  }
}

export function seedPreauthorizations(db: Db, clientId: string): void {
  db.prepare("DELETE FROM preauthorized_users WHERE client_id = ?").run(clientId)
  const insert = db.prepare(
    "INSERT OR IGNORE INTO preauthorized_users (client_id, user_id) VALUES (?, ?)",
  )
  for (const u of USERS) if (u.preauthorizedByDefault) insert.run(clientId, u.Id)
  db.prepare("INSERT OR REPLACE INTO meta (key, value) VALUES (?, '1')").run(
    `preauth_seeded:${clientId}`,
  )
}

export function getApp(db: Db, clientId: string): ConnectedApp | undefined {
  const row = db.prepare("SELECT * FROM connected_apps WHERE client_id = ?").get(clientId) as
    | {
        client_id: string
        client_secret: string
        name: string
        callback_urls: string
        certificate: string
      }
    | undefined
  if (!row) return undefined
  // What an External Client App import set (store/app-registration.ts) stands until "Reset the org".
  const imported = registrationOverride(db, clientId)
  return {
    clientId: row.client_id,
    clientSecret: row.client_secret,
    name: row.name,
    callbackUrls: imported.callbackUrls ?? (JSON.parse(row.callback_urls) as string[]),
    certificatePem: imported.certificatePem ?? row.certificate,
  }
}

export function isPreauthorized(db: Db, clientId: string, userId: string): boolean {
  return !!db
    .prepare("SELECT 1 FROM preauthorized_users WHERE client_id = ? AND user_id = ?")
    .get(clientId, userId)
}

export function setPreauthorized(db: Db, clientId: string, userIds: readonly string[]): void {
  db.transaction(() => {
    db.prepare("DELETE FROM preauthorized_users WHERE client_id = ?").run(clientId)
    const insert = db.prepare(
      "INSERT OR IGNORE INTO preauthorized_users (client_id, user_id) VALUES (?, ?)",
    )
    for (const id of new Set(userIds)) insert.run(clientId, id)
  }).immediate()
}

/** Assigns or unassigns one user to the app (profile or permission set), leaving the others as they are. */
export function setUserPreauthorized(db: Db, clientId: string, userId: string, on: boolean): void {
  if (on)
    db.prepare("INSERT OR IGNORE INTO preauthorized_users (client_id, user_id) VALUES (?, ?)").run(
      clientId,
      userId,
    )
  else
    db.prepare("DELETE FROM preauthorized_users WHERE client_id = ? AND user_id = ?").run(
      clientId,
      userId,
    )
}
