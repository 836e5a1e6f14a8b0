// `npm run org` (and `npm start`, which runs it beside the site): the embedded org on its own,
// answering at the root of two loopback origins, My Domain and the generic login host, as a
// Salesforce org does (README, *Use the embedded org from your own code*).
import { loadEnvConfig } from "@next/env"
import { getConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"
import { callbackUrls } from "@/lib/site-urls"
import { createEmulator } from "../index"
import { DEMO_USERS } from "../seed/records"
import { listen, nodeServer, type Listening } from "./node-http"

loadEnvConfig(process.cwd())

async function main(): Promise<number> {
  let config
  try {
    config = getConfig()
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    console.error(
      `The configuration has problems:\n${e.problems.map((p) => `  - ${p}`).join("\n")}`,
    )
    return 1
  }
  if (!config.org) {
    console.error(
      "SALESFORCE_LOGIN_URL is set: the site uses a real org, so the embedded org does not start.",
    )
    return 1
  }
  const org = config.org
  const emulator = await createEmulator({
    baseUrl: org.myDomainUrl,
    loginHostUrl: org.loginHostUrl,
    dataDir: config.dataDir,
    callbackUrls: callbackUrls(config.siteUrl),
    app: config.app,
    tokenMark: config.tokenMark,
    rateLimits: config.rateLimits,
    externalIdpIssuer: config.externalIdp?.issuer,
  })
  // Test harnesses put a recording proxy on the public ports and have the org listen behind it.
  const inner = (process.env.SALESFORCE_LAB_ORG_LISTEN ?? "").split(",").filter(Boolean).map(Number)
  const ports = [inner[0] ?? org.port, inner[1] ?? org.loginHostPort]
  const servers: Listening[] = []
  try {
    for (const port of ports)
      servers.push(await listen(nodeServer(emulator.handle), port, "127.0.0.1"))
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    console.error(
      code === "EADDRINUSE"
        ? `Port ${ports.join(" or ")} is taken: stop what uses it, or set SALESFORCE_LAB_ORG_PORT (the org takes that port and the next).`
        : `The embedded org could not listen: ${code ?? String(e)}`,
    )
    await Promise.all(servers.map((s) => s.close()))
    emulator.close()
    return 1
  }
  console.log(
    [
      `Embedded Salesforce org ready: My Domain ${org.myDomainUrl}, login host ${org.loginHostUrl}`,
      `  Org settings: ${org.myDomainUrl}/settings (as admin@example.com)`,
      "  Demo users (username / password):",
      ...DEMO_USERS.map(
        (u) =>
          `    ${u.Username.padEnd(22)} ${u.password.padEnd(14)} ${u.IsActive ? (u.preauthorizedByDefault ? "pre-authorized for the app" : "self-authorizes") : "inactive"}`,
      ),
    ].join("\n"),
  )
  const stop = async () => {
    await Promise.all(servers.map((s) => s.close()))
    emulator.close()
    process.exit(0)
  }
  process.on("SIGTERM", stop)
  process.on("SIGINT", stop)
  return 0
}

main().then(
  (code) => {
    if (code) process.exit(code)
  },
  (e: unknown) => {
    console.error(`The embedded org failed to start: ${e instanceof Error ? e.message : String(e)}`)
    process.exit(1)
  },
)
