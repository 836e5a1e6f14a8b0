import "server-only"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { getConfig } from "@/lib/config/env"

let cached: string | undefined

/**
 * NEXTAUTH_SECRET, or (so a fresh clone runs with no setup) a random one generated once into the
 * git-ignored data folder. Instances that must share sessions set NEXTAUTH_SECRET explicitly.
 */
export function nextAuthSecret(): string {
  if (cached) return cached
  const config = getConfig()
  if (config.nextAuthSecret) return (cached = config.nextAuthSecret)
  const file = path.join(config.dataDir, "nextauth-secret")
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 })
  try {
    fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), {
      flag: "wx",
      mode: 0o600,
    })
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e
  }
  return (cached = fs.readFileSync(file, "utf8").trim())
}
