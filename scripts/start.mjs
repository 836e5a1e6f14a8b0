// `npm start`: builds when needed, then starts the embedded org on its own two ports (PORT + 1 and
// + 2, unless SALESFORCE_LAB_ORG_PORT says otherwise) and serves the site on PORT (3000).
import { spawn } from "node:child_process"
import nextEnv from "@next/env"
import { startRefusal } from "./lab-access-check.mjs"
import path from "node:path"
import { buildIfNeeded, root } from "./lib.mjs"
import { spawnIdp } from "./idp-process.mjs"
import { spawnOrg } from "./org-process.mjs"

nextEnv.loadEnvConfig(root)
const port = process.env.PORT || "3000"
// Loopback only unless HOST says otherwise: the site signs JWT assertions for its configured user
// and holds that user's tokens, so it must not be reachable from the network by default.
const host = process.env.HOST || "127.0.0.1"
// Off loopback, the operator gate is not optional (docs/security.md, C-81): refuse before building or listening.
const refusal = startRefusal({ host, labAccessPassword: process.env.LAB_ACCESS_PASSWORD })
if (refusal) {
  console.error(refusal)
  process.exit(1)
}
process.env.NEXTAUTH_URL ||= `http://localhost:${port}`
process.env.NEXT_TELEMETRY_DISABLED = "1"

if ((await buildIfNeeded()) !== 0) {
  console.error("The build failed: see the errors above.")
  process.exit(1)
}

const site = process.env.NEXTAUTH_URL.replace(/\/+$/, "")
const embedded = !process.env.SALESFORCE_LOGIN_URL
let org
let idp
if (embedded) {
  // The Token Exchange flow's external identity provider (lib/idp/), at PORT + 3 by default.
  idp = spawnIdp({ onOutput: (chunk) => process.stdout.write(chunk) })
  // The org first: the site's flows call it, and it reports a bad configuration on its own.
  org = spawnOrg({ onOutput: (chunk) => process.stdout.write(chunk) })
  try {
    await Promise.all([org.ready, idp.ready])
  } catch {
    idp.child.kill("SIGTERM")
    org.child.kill("SIGTERM")
    console.error(
      "The embedded org or the lab identity provider did not start: see the message above.",
    )
    process.exit(1)
  }
  org.exited.then(() => {
    console.error("The embedded org stopped; stopping the site.")
    child.kill("SIGTERM")
  })
}
const banner = [
  "",
  `  Salesforce OAuth Lab: ${site}  (open this exact URL: the site refuses any other host name)`,
  ...(embedded ? [] : [`  Salesforce org: ${process.env.SALESFORCE_LOGIN_URL}`]),
  "",
]
// The site's server: `next start` plus the pages sent without scripts (scripts/site-server.mjs).
const child = spawn(
  process.execPath,
  [path.join(root, "scripts", "site-server.mjs"), "-p", port, "-H", host],
  {
    cwd: root,
    stdio: ["inherit", "pipe", "inherit"],
    env: process.env,
  },
)
let shown = false
child.stdout.on("data", (chunk) => {
  process.stdout.write(chunk)
  if (!shown && /Ready/.test(String(chunk))) {
    shown = true
    console.log(banner.join("\n"))
  }
})
for (const signal of ["SIGINT", "SIGTERM"])
  process.on(signal, () => {
    child.kill(signal)
    org?.child.kill(signal)
    idp?.child.kill(signal)
  })
child.on("exit", (code) => {
  org?.child.kill("SIGTERM")
  idp?.child.kill("SIGTERM")
  process.exit(code ?? 0)
})
