import type { Db } from "./db/open"
import { sameId } from "./ids"
import { USERS } from "./seed/records"
import type { SeedUser } from "./seed/seed-user"
import { createdUsers } from "./store/jit-users"

/** The seeded users and those the org's token exchange handler created (store/jit-users.ts). */
export const allUsers = (db: Db): readonly SeedUser[] => [...USERS, ...createdUsers(db)]

/** Usernames are case-insensitive in Salesforce. */
export function findUserByUsername(db: Db, username: string | undefined): SeedUser | undefined {
  if (!username) return undefined
  const wanted = username.trim().toLowerCase()
  return allUsers(db).find((u) => u.Username.toLowerCase() === wanted)
}

export function findUserById(db: Db, id: string): SeedUser | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return undefined
  return allUsers(db).find((u) => sameId(u.Id, id))
}
