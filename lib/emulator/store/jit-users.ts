import crypto from "node:crypto"
import type { Db } from "../db/open"
import { to18 } from "../ids"
import { USERS } from "../seed/records"
import type { SeedUser } from "../seed/seed-user"

/**
 * Users the token exchange handler created ("Allow user creation", getUserForTokenSubject returning
 * a new User that Salesforce inserts: https://developer.salesforce.com/docs/atlas.en-us.apexref.meta/apexref/apex_class_Auth_Oauth2TokenExchangeHandler.htm).
 * Kept in the settings table, so they survive a restart and "Reset the org" removes them
 * (docs/fidelity.md, F-234). The table is the truth: several processes may share one data folder
 * (the two-instance setup, R-11), so the copy held in memory for lib/emulator/users.ts is checked
 * against it on each use. Per org, by its database handle: orgs sharing one process (the tests,
 * anyone's own test suite) never see each other's created users, as two Salesforce orgs never do.
 */
const PREFIX = "jit-user:"
// The key range of the created users' rows: a seek on the primary key, not a scan.
const IN_RANGE = "key >= 'jit-user:' AND key < 'jit-user;'"

interface Cached {
  users: Map<string, SeedUser>
  /** PRAGMA data_version when read: it changes when another connection commits. */
  version: number
  /** The created users' generation (meta table): every creation and every reset moves it. */
  generation: string
}
const cache = new WeakMap<Db, Cached>()

const dataVersion = (db: Db) => db.prepare("PRAGMA data_version").pluck().get() as number
// In the meta table, which "Reset the org" keeps: a reset empties the settings table.
const generationOf = (db: Db) =>
  (db.prepare("SELECT value FROM meta WHERE key = 'jit_users_generation'").pluck().get() as
    string | undefined) ?? "0"
const nextGeneration = (db: Db) =>
  db
    .prepare(
      `INSERT INTO meta (key, value) VALUES ('jit_users_generation', '1')
       ON CONFLICT(key) DO UPDATE SET value = CAST(value AS INTEGER) + 1`,
    )
    .run()

function usersOf(db: Db): Map<string, SeedUser> {
  const version = dataVersion(db)
  const held = cache.get(db)
  // Nobody else wrote since: the common case, one pragma. Someone wrote: reload only if the
  // created users changed (other writes, tokens and codes, are far more frequent).
  if (held && held.version === version) return held.users
  const generation = generationOf(db)
  if (held && held.generation === generation) {
    held.version = version
    return held.users
  }
  const rows = db.prepare(`SELECT value FROM settings WHERE ${IN_RANGE}`).all() as {
    value: string
  }[]
  const users = new Map<string, SeedUser>()
  for (const r of rows) {
    const u = JSON.parse(r.value) as SeedUser
    users.set(u.Id, u)
  }
  cache.set(db, { users, version, generation })
  return users
}

export const createdUsers = (db: Db): readonly SeedUser[] => [...usersOf(db).values()]

/** Reads the users an earlier run, or another process, created (createEmulator). */
export function loadCreatedUsers(db: Db): void {
  cache.delete(db)
  usersOf(db)
}

/** Forgets the org's created users ("Reset the org" has deleted their rows), in every process. */
export function forgetCreatedUsers(db: Db): void {
  nextGeneration(db)
  cache.delete(db)
}

/**
 * A created user's username already belongs to a user of the org. Salesforce's insert fails so
 * (status code DUPLICATE_USERNAME: usernames are unique, https://developer.salesforce.com/docs/atlas.en-us.api.meta/api/sforce_api_calls_concepts_core_data_objects.htm#statuscode_topic);
 * the handler then returned a user it cannot have (docs/fidelity.md, F-235).
 */
export class DuplicateUsername extends Error {
  constructor(readonly username: string) {
    super(`DUPLICATE_USERNAME: ${username}`)
    this.name = "DuplicateUsername"
  }
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
const randomTail = () => Array.from({ length: 6 }, () => BASE62[crypto.randomInt(62)]).join("")
const MAX_DRAWS = 100

/**
 * A User ID no user of the org has: key prefix 005, then six random base-62 characters (62^6,
 * about 5.7e10 IDs), drawn again while `taken` says the ID is in use. Salesforce's IDs are
 * unique by construction; a random draw needs the check (the seeded users share the prefix).
 */
export function newUserId(taken: (id: string) => boolean, random = randomTail): string {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const id = to18(`0055g0000${random()}`)
    if (!taken(id)) return id
  }
  throw new Error(`no free User ID after ${MAX_DRAWS} draws`)
}

/** The org's users: the seeded ones and those created so far. */
const orgUsers = (db: Db): SeedUser[] => [...USERS, ...usersOf(db).values()]

/**
 * Inserts a user as Salesforce does the one the handler returns: active, standard, no password.
 * Throws DuplicateUsername when the org has a user of that username (case-insensitive), and
 * stores nothing then.
 */
export function createUser(
  db: Db,
  claims: { email: string; givenName?: string; familyName?: string; federationId?: string },
  nowMs: number,
): SeedUser {
  // Checked and inserted in one write transaction: another process sharing the data folder cannot
  // insert the same username between the check and the insert.
  return db.transaction(() => insertUser(db, claims, nowMs)).immediate()
}

function insertUser(
  db: Db,
  claims: { email: string; givenName?: string; familyName?: string; federationId?: string },
  nowMs: number,
): SeedUser {
  const users = orgUsers(db)
  const username = `${claims.email.toLowerCase()}.lab`
  if (users.some((u) => u.Username.toLowerCase() === username))
    throw new DuplicateUsername(username)
  // Stored IDs are all 18 characters, whose suffix encodes the case of the 15: lower-cased, they still differ.
  const ids = new Set(users.map((u) => to18(u.Id).toLowerCase()))
  const id = newUserId((candidate) => ids.has(candidate.toLowerCase()))
  const first = claims.givenName ?? ""
  const last = claims.familyName || claims.email.split("@")[0]!
  const user: SeedUser = {
    Id: id,
    Username: username,
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
  nextGeneration(db)
  // Our own commit leaves data_version as it was (it moves for other connections' commits only):
  // the held copy gains the user and the new generation.
  const held = cache.get(db)
  if (held) {
    held.users.set(id, user)
    held.generation = generationOf(db)
  }
  return user
}
