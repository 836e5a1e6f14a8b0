import "server-only"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { writeFolderOnce } from "../keys"

/**
 * The bearer secret of the org's control endpoint (`/_lab/scenarios/…`, control-endpoint.ts), in
 * the git-ignored `<dataDir>/lab-control/secret`. The org's process and the site's read the same
 * file, as they read the app's credentials: whichever starts first writes it, atomically
 * (keys.ts, writeFolderOnce). It never leaves the server (docs/security.md, C-150).
 */
export function loadOrCreateControlSecret(dataDir: string): string {
  const dir = path.join(dataDir, "lab-control")
  const file = path.join(dir, "secret")
  if (!fs.existsSync(file))
    writeFolderOnce(dir, { secret: crypto.randomBytes(32).toString("base64url") + "\n" })
  return fs.readFileSync(file, "utf8").trim()
}

/** Constant-time comparison of a presented bearer secret with the expected one. */
export function controlSecretMatches(presented: string | undefined, expected: string): boolean {
  if (!presented || !expected) return false
  const a = crypto.createHash("sha256").update(presented).digest()
  const b = crypto.createHash("sha256").update(expected).digest()
  return crypto.timingSafeEqual(a, b)
}
