import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import type * as SfCore from "@salesforce/core"

/**
 * @salesforce/core writes its auth files under $HOME: each suite gets a temporary HOME, and sf core
 * is imported only after it is set. `restore()` puts the environment back and deletes the folder.
 */
const ENV = {
  // Never touch the machine's keyring: keep sf core's encryption key in $HOME/.sfdx/key.json.
  SF_USE_GENERIC_UNIX_KEYCHAIN: "true",
  // Log to memory, not through a pino worker writing $HOME/.sf/*.log.
  SF_DISABLE_LOG_FILE: "true",
  // Per-request timeout jsforce reads when it loads: bounds sf core's retries on real Salesforce hosts.
  HTTP_TIMEOUT: "5000",
}

export async function sfCoreInTempHome(): Promise<{
  sf: typeof SfCore
  home: string
  restore: () => void
}> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "oauth-lab-sfcore-home-"))
  const saved: Record<string, string | undefined> = {}
  for (const [k, v] of Object.entries({ ...ENV, HOME: home })) {
    saved[k] = process.env[k]
    process.env[k] = v
  }
  const sf = await import("@salesforce/core")
  return {
    sf,
    home,
    restore: () => {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      fs.rmSync(home, { recursive: true, force: true })
    },
  }
}
