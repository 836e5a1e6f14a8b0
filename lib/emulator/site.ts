import "server-only"
import { getConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"
import { callbackUrls } from "@/lib/site-urls"
import { createEmulator, type Emulator } from "./index"
import { messagePage } from "./pages/error-page"

let instance: Promise<Emulator> | undefined

/** The site's embedded org, created once per process on first use. */
export function siteEmulator(): Promise<Emulator> {
  if (!instance) {
    const config = getConfig()
    instance = createEmulator({
      baseUrl: config.loginUrl,
      dataDir: config.dataDir,
      callbackUrls: callbackUrls(config.siteUrl),
      app: config.app,
      tokenMark: config.tokenMark,
      rateLimits: config.rateLimits,
    })
    instance.catch(() => (instance = undefined))
  }
  return instance
}

/** What `app/emulator/[[...path]]/route.ts` delegates to: 404 when the site uses a real org. */
export async function handleEmulatorRequest(req: Request): Promise<Response> {
  try {
    if (getConfig().mode !== "emulator") {
      return messagePage(
        "/emulator",
        "Not found",
        "The embedded org is off: this site is configured for a real Salesforce org (SALESFORCE_LOGIN_URL).",
        404,
      )
    }
    return await (await siteEmulator()).handle(req)
  } catch (e) {
    if (e instanceof ConfigError)
      return messagePage("/emulator", "Configuration problem", e.problems.join(" • "), 503)
    throw e
  }
}
