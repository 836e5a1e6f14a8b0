import "server-only"
import crypto from "node:crypto"
import fs from "node:fs"
import path from "node:path"
import { writeFolderOnce } from "./keys"
import { safeEqual } from "./secrets"

/**
 * The org's CSRF key in `<dataDir>/org-csrf/csrf.key`, made on first run (git-ignored data folder,
 * never logged). Instances sharing a data folder share it, so a form served by one posts to another.
 */
export function loadOrCreateCsrfKey(dataDir: string): Buffer {
  const dir = path.join(dataDir, "org-csrf")
  const file = path.join(dir, "csrf.key")
  if (!fs.existsSync(file))
    writeFolderOnce(dir, { "csrf.key": crypto.randomBytes(32).toString("base64url") + "\n" })
  const key = Buffer.from(fs.readFileSync(file, "utf8").trim(), "base64url")
  if (key.length < 32) throw new Error(`the org's CSRF key in ${dir} is too short`)
  return key
}

/** What a token is bound to: the live org session, or the browser's random pre-session id. */
export interface CsrfBinding {
  kind: "session" | "browser"
  value: string
}

/**
 * The synchronizer token for one browser: HMAC-SHA256 over its session (OWASP CSRF cheat sheet,
 * "Signed double-submit cookie"; docs/security.md, S-13). Without the org's key nobody can make a
 * token for another browser, and a token of one browser session fails in any other.
 */
export function csrfToken(key: Buffer, b: CsrfBinding): string {
  return crypto
    .createHmac("sha256", key)
    .update(`org-csrf-v1\0${b.kind}\0${b.value}`)
    .digest("base64url")
}

/** Constant-time check of a submitted token against the browser's binding. */
export function csrfTokenValid(key: Buffer, b: CsrfBinding, submitted: string | null): boolean {
  return !!submitted && submitted.length <= 128 && safeEqual(csrfToken(key, b), submitted)
}
