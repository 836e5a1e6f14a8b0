import "server-only"
import { getConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"
import { appFromOverride, loadOrCreateAppCredentials, type AppCredentials } from "./keys"
import { messagePage } from "./pages/error-page"

let credentials: Promise<AppCredentials> | undefined

/**
 * The site's connected app in the embedded org: the operator's (SALESFORCE_CLIENT_ID…) or the one
 * generated into the data folder on first run. The org's own process (lib/emulator/server/main.ts)
 * reads the same folder; whichever starts first writes it, atomically (keys.ts, writeFolderOnce).
 */
export function siteAppCredentials(): Promise<AppCredentials> {
  if (!credentials) {
    const config = getConfig()
    credentials = config.app
      ? appFromOverride(config.app)
      : loadOrCreateAppCredentials(config.dataDir)
    credentials.catch(() => (credentials = undefined))
  }
  return credentials
}

/**
 * `/emulator/...`, where the org answered before it moved to the root of its own origins: a GET
 * (an old bookmark or link) is sent to the same path at the org's My Domain; any other method gets
 * a 404 naming the new address, so no client posts credentials through a redirect.
 */
export function legacyEmulatorPath(req: Request): Response {
  const url = new URL(req.url)
  const rest = url.pathname.replace(/^\/emulator/, "") || "/"
  let config
  try {
    config = getConfig()
  } catch (e) {
    if (e instanceof ConfigError)
      return messagePage("/emulator", "Configuration problem", e.problems.join(" • "), 503)
    throw e
  }
  if (!config.org)
    return messagePage(
      "/emulator",
      "Not found",
      "The embedded org is off: this site is configured for a real Salesforce org (SALESFORCE_LOGIN_URL).",
      404,
    )
  const target = `${config.org.myDomainUrl}${rest}${url.search}`
  if (req.method === "GET" || req.method === "HEAD")
    return new Response(null, { status: 308, headers: { location: target } })
  return Response.json(
    {
      error: "not_found",
      error_description: `The embedded org moved to the root of its own origin: use ${config.org.myDomainUrl}${rest}`,
    },
    { status: 404 },
  )
}
