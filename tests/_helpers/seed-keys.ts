import crypto from "node:crypto"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { loadOrCreateAppCredentials, loadOrCreateSigningKey } from "@/lib/emulator/keys"

/**
 * RSA key generation is the slowest part of starting an org (two 2048-bit keys and a certificate,
 * 150-350 ms on a 2-core machine), and most test files start a fresh org for every test. Each test
 * worker generates one set, once, and seeds new orgs' data folders with copies of it. Every org
 * still gets its own consumer key and secret, so two orgs in one test stay apart by client id;
 * tests about key generation itself pass `freshKeys` to createTestOrg.
 */
let seed: Promise<string> | undefined

async function seedFolder(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-seed-keys-"))
  await Promise.all([loadOrCreateAppCredentials(dir), loadOrCreateSigningKey(dir)])
  return dir
}

/**
 * Copies the worker's key set into `dataDir`, with a consumer key and secret of its own. With
 * `withApp: false` (an org given the operator's app credentials) only the org's signing key.
 */
export async function seedOrgKeys(dataDir: string, withApp = true): Promise<void> {
  const from = await (seed ??= seedFolder())
  fs.cpSync(path.join(from, "org-keys"), path.join(dataDir, "org-keys"), { recursive: true })
  if (!withApp) return
  fs.cpSync(path.join(from, "connected-app"), path.join(dataDir, "connected-app"), {
    recursive: true,
  })
  const clientId =
    "3MVG9" + crypto.randomBytes(60).toString("base64url").replace(/-/g, ".").slice(0, 80)
  const clientSecret = crypto.randomBytes(32).toString("hex").toUpperCase()
  fs.writeFileSync(
    path.join(dataDir, "connected-app", "credentials.json"),
    JSON.stringify({ clientId, clientSecret }, null, 2) + "\n",
    { mode: 0o600 },
  )
}
