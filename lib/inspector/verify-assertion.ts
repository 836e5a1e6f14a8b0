import "server-only"
import crypto from "node:crypto"
import type { OrgConnection } from "@/lib/org/connection"
import { siteAppCredentials } from "@/lib/emulator/site"

/**
 * The key a JWT Bearer assertion must verify with: the certificate registered on the embedded
 * org's app, or for a real org the public half of the configured private key (whose certificate
 * the operator uploaded).
 */
export async function assertionKeyFor(org: OrgConnection): Promise<crypto.KeyObject | undefined> {
  try {
    if (org.embedded)
      return new crypto.X509Certificate((await siteAppCredentials()).certificatePem).publicKey
    return org.privateKeyPem ? crypto.createPublicKey(org.privateKeyPem) : undefined
  } catch {
    return undefined
  }
}
