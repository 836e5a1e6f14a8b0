import "server-only"
import crypto from "node:crypto"
import { compactVerify } from "jose"
import type { CheckResult } from "@/lib/auth/session-types"
import type { OrgConnection } from "@/lib/flows/org"
import { siteEmulator } from "@/lib/emulator/site"

/**
 * Verifies the JWT Bearer assertion that was sent against the certificate the org holds (embedded
 * org) or the public half of the configured private key (real org): the check Salesforce made.
 */
export async function verifySentAssertion(assertion: string | undefined, org: OrgConnection): Promise<CheckResult | undefined> {
  if (!assertion) return undefined
  try {
    const key = org.embedded
      ? new crypto.X509Certificate((await siteEmulator()).credentials.certificatePem).publicKey
      : crypto.createPublicKey(org.privateKeyPem ?? "")
    await compactVerify(assertion, key, { algorithms: ["RS256"] })
    return { status: "pass", detail: org.embedded ? "RS256 signature verifies with the certificate registered on the app" : "RS256 signature verifies with the public key of SALESFORCE_PRIVATE_KEY (upload its certificate to the app)" }
  } catch (e) {
    return { status: "fail", detail: `the signature does not verify: ${e instanceof Error ? e.message : "unknown error"}` }
  }
}
