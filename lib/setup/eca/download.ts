import "server-only"
import { orgConnection, type OrgConnection } from "@/lib/org/connection"
import { siteAppCredentials } from "@/lib/emulator/site"
import { ECA_PROJECT_DIR, ecaProjectFiles } from "@/lib/salesforce/eca/generate"
import { buildZip } from "@/lib/salesforce/eca/zip"
import { ecaChoicesFrom, EcaChoiceError, ecaPoliciesFor } from "./choices"

export const ECA_ZIP_NAME = `${ECA_PROJECT_DIR}.zip`

/**
 * The configured app certificate, public only: the embedded org's app certificate (server.crt in
 * the data folder, or the one made for SALESFORCE_PRIVATE_KEY). A real org's configuration holds
 * only the private key, so there is none: the key is never put in the zip, nor turned into one.
 */
export async function configuredCertificate(org: OrgConnection): Promise<string | undefined> {
  if (!org.embedded) return undefined
  return (await siteAppCredentials()).certificatePem
}

const text = (status: number, body: string) =>
  new Response(body, {
    status,
    headers: {
      "content-type": "text/plain;charset=UTF-8",
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  })

/**
 * `GET /setup/eca`: the form's choices → EcaPolicies → the project files → one zip. Never holds a
 * secret: no consumer key, no consumer secret, no private key (docs/security.md, C-160).
 */
export async function ecaZipResponse(url: string): Promise<Response> {
  let choices
  try {
    choices = ecaChoicesFrom(new URL(url).searchParams)
  } catch (e) {
    if (e instanceof EcaChoiceError) return text(400, `${e.message} Go back to /setup.`)
    throw e
  }
  const org = await orgConnection().catch(() => undefined)
  if (!org) return text(503, "The configuration has problems: /setup lists them.")
  const policies = ecaPoliciesFor(choices, {
    callbacks: org.callbacks,
    scopes: org.scopes.split(" ").filter(Boolean),
    certificatePem: await configuredCertificate(org),
  })
  const files = ecaProjectFiles(policies, org.embedded ? undefined : org.loginUrl)
  if (policies.certificatePem) files.set("server.crt", policies.certificatePem)
  const zip = buildZip(ECA_PROJECT_DIR, files)
  return new Response(zip as BodyInit, {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${ECA_ZIP_NAME}"`,
      "cache-control": "no-store",
      "x-content-type-options": "nosniff",
    },
  })
}
