import "server-only"
import { FlowError } from "@/lib/salesforce/errors"
import type { OrgConnection } from "@/lib/org/connection"

/**
 * The key the site signs a bearer assertion (JWT or SAML) with for `username`, once both rules
 * hold: the username is one the operator configured (the seed demo minted tokens for any
 * `?jwtUserName=`: impersonation), and a private key is configured.
 */
export function bearerSigningKey(org: OrgConnection, username: string): string {
  if (!org.jwtUsernames.includes(username))
    throw new FlowError(
      "USERNAME_NOT_ALLOWED",
      "the site signs assertions only for the usernames its operator configured (SALESFORCE_USERNAME or SALESFORCE_JWT_USERNAMES)",
    )
  if (!org.privateKeyPem)
    throw new FlowError(
      "CONFIG_INVALID",
      "no private key is configured (SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE)",
    )
  return org.privateKeyPem
}
