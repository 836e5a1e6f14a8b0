// The lab's external identity provider on its own (`npm start` and the test harnesses run it beside
// the embedded org through scripts/idp-process.mjs): a node:http server on loopback, at the port
// SALESFORCE_LAB_IDP_PORT or the site's port + 3 (lib/config/external-idp.ts).
import path from "node:path"
import { loadEnvConfig } from "@next/env"
import { externalIdpConfig, idpCallbackUrl } from "../config/external-idp"
import { siteUrlFrom } from "../config/site-url"
import { listen, nodeServer } from "../emulator/server/node-http"
import { createIdp } from "./idp"

loadEnvConfig(process.cwd())

async function main(): Promise<number> {
  const siteUrl = siteUrlFrom(process.env.NEXTAUTH_URL?.trim() || undefined)
  const { idp, problems } = externalIdpConfig(
    process.env as Record<string, string | undefined>,
    siteUrl,
    "emulator",
  )
  if (!idp?.port || problems.length) {
    console.error(
      `The lab identity provider cannot start: ${problems.join("; ") || "an external issuer is configured"}`,
    )
    return 1
  }
  const provider = await createIdp({
    issuer: idp.issuer,
    dataDir: path.resolve(process.env.SALESFORCE_LAB_DATA_DIR?.trim() || ".data"),
    clients: [{ clientId: idp.clientId, redirectUris: [idpCallbackUrl(siteUrl)] }],
  })
  const listenPort = Number(process.env.SALESFORCE_LAB_IDP_LISTEN || idp.port)
  try {
    const server = await listen(nodeServer(provider.handle), listenPort, "127.0.0.1")
    const stop = async () => {
      await server.close()
      process.exit(0)
    }
    process.on("SIGTERM", stop)
    process.on("SIGINT", stop)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    console.error(
      code === "EADDRINUSE"
        ? `Port ${listenPort} is taken: stop what uses it, or set SALESFORCE_LAB_IDP_PORT.`
        : `The lab identity provider could not listen: ${code ?? String(e)}`,
    )
    return 1
  }
  console.log(
    `Lab identity provider ready: ${idp.issuer} (users ext-demo@idp.example, ext-new@idp.example / ext1234)`,
  )
  return 0
}

main().then(
  (code) => {
    if (code) process.exit(code)
  },
  (e: unknown) => {
    console.error(
      `The lab identity provider failed to start: ${e instanceof Error ? e.message : String(e)}`,
    )
    process.exit(1)
  },
)
