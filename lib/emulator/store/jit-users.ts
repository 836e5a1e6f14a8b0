import crypto from "node:crypto"
import type { Db } from "../db/open"
import { to18 } from "../ids"
import type { SeedUser } from "../seed/seed-user"

/**
 * Users the token exchange handler created ("Allow user creation", getUserForTokenSubject returning
 * a new User that Salesforce inserts: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Auth_Oauth2TokenExchangeHandler.htm).
 * Kept in the settings table, so they survive a restart and "Reset the org" removes them, and held
 * in memory for lib/emulator/users.ts (docs/fidelity.md, F-234). In memory per org, by its database
 * handle: orgs sharing one process (the tests, anyone's own test suite) never see each other's
 * created users, as two Salesforce orgs never do.
 */
const created = new WeakMap<Db, Map<string, SeedUser>>()
const PREFIX = "jit-user:"

function usersOf(db: Db): Map<string, SeedUser> {
  let users = created.get(db)
  if (!users) created.set(db, (users = new Map()))
  return users
}

export const createdUsers = (db: Db): readonly SeedUser[] => [...usersOf(db).values()]

/** Loads the users an earlier run created (createEmulator). */
export function loadCreatedUsers(db: Db): void {
  const rows = db.prepare("SELECT value FROM settings WHERE key LIKE ?").all(`${PREFIX}%`) as {
    value: string
  }[]
  const users = usersOf(db)
  for (const r of rows) {
    const u = JSON.parse(r.value) as SeedUser
    users.set(u.Id, u)
  }
}

/** Forgets the org's created users ("Reset the org" has deleted their rows). */
export function forgetCreatedUsers(db: Db): void {
  created.delete(db)
}

/** Inserts a user as Salesforce does the one the handler returns: active, standard, no password. */
export function createUser(
  db: Db,
  claims: { email: string; givenName?: string; familyName?: string; federationId?: string },
  nowMs: number,
): SeedUser {
  // 005 key prefix; a random tail so orgs sharing one process (the tests) never collide.
  const id = to18(`0055g00000J${crypto.randomBytes(3).toString("hex").slice(0, 4).toUpperCase()}`)
  const first = claims.givenName ?? ""
  const last = claims.familyName || claims.email.split("@")[0]!
  const user: SeedUser = {
    Id: id,
    Username: `${claims.email.toLowerCase()}.lab`,
    // No password: a created user signs in only through the token exchange (and later SSO).
    password: crypto.randomBytes(24).toString("base64url"),
    FirstName: first,
    LastName: last,
    Name: [first, last].filter(Boolean).join(" "),
    Email: claims.email.toLowerCase(),
    FederationIdentifier: claims.federationId,
    CreatedDate: new Date(nowMs).toISOString(),
    IsActive: true,
    isAdmin: false,
    preauthorizedByDefault: false,
    UserType: "Standard",
    LanguageLocaleKey: "en_US",
    LocaleSidKey: "en_US",
    TimeZoneSidKey: "America/Los_Angeles",
  }
  db.prepare("INSERT INTO settings (key, value) VALUES (?, ?)").run(
    `${PREFIX}${id}`,
    JSON.stringify(user),
  )
  usersOf(db).set(id, user)
  return user
}
