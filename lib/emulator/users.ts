import { sameId } from "./ids"
import { USERS } from "./seed/records"
import type { SeedUser } from "./seed/seed-user"

/** Usernames are case-insensitive in Salesforce. */
export function findUserByUsername(username: string | undefined): SeedUser | undefined {
  if (!username) return undefined
  const wanted = username.trim().toLowerCase()
  return USERS.find((u) => u.Username.toLowerCase() === wanted)
}

export function findUserById(id: string): SeedUser | undefined {
  if (!/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/.test(id)) return undefined
  return USERS.find((u) => sameId(u.Id, id))
}
