import { z } from "zod"
import { MAX_DATE_S } from "./introspection"
import type { SalesforceTokenResponse } from "./wire-types"

/** The tokens as the app uses them (camelCase); built from the wire shape in one place. */
export interface TokenSet {
  accessToken: string
  refreshToken?: string
  idToken?: string
  signature?: string
  scopes: string[]
  instanceUrl: string
  identityUrl: string
  tokenType: string
  /** Milliseconds, as Salesforce sends it; absent for JWT Bearer. */
  issuedAt?: number
  orgId: string
  userId: string
}

/** What a token response must hold for the site to use it (jsforce needs the same three). */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1).max(4096),
  refresh_token: z.string().max(4096).optional(),
  signature: z.string().max(256).optional(),
  scope: z.string().max(4096).optional().default(""),
  id_token: z.string().max(16384).optional(),
  instance_url: z.string().url().max(2048),
  id: z.string().url().max(2048),
  // RFC 6750 bearer tokens only; the type name is case-insensitive (RFC 6749 §7.1, §5.1).
  token_type: z
    .string()
    .regex(/^bearer$/i, "not a Bearer token")
    .optional()
    .default("Bearer"),
  // Milliseconds since 1970: digits only (it is HMACed as sent), and a date the inspector can show.
  issued_at: z
    .string()
    .regex(/^\d{1,15}$/)
    .refine((v) => Number(v) <= MAX_DATE_S * 1000 + 999, "not a date")
    .optional(),
  issued_token_type: z.string().max(256).optional(),
})

/** `id` is `…/id/{orgId}/{userId}` (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_using_openid.htm); never build it, only parse it. */
export function parseIdentityUrl(id: string): { orgId: string; userId: string } | undefined {
  const m =
    /\/id\/(00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\/(005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\/?$/.exec(
      new URL(id).pathname,
    )
  return m ? { orgId: m[1]!, userId: m[2]! } : undefined
}

/**
 * Whether two identity URLs name the same user of the same org. Hosts may differ (login host vs My
 * Domain); Salesforce ids compare on their 15-character case-sensitive form.
 */
export function sameIdentity(a: string, b: string): boolean {
  let x, y
  try {
    x = parseIdentityUrl(a)
    y = parseIdentityUrl(b)
  } catch {
    return false
  }
  return (
    !!x &&
    !!y &&
    x.orgId.slice(0, 15) === y.orgId.slice(0, 15) &&
    x.userId.slice(0, 15) === y.userId.slice(0, 15)
  )
}

export function toTokenSet(r: SalesforceTokenResponse): TokenSet {
  const ids = parseIdentityUrl(r.id)
  return {
    accessToken: r.access_token,
    refreshToken: r.refresh_token,
    idToken: r.id_token,
    signature: r.signature,
    scopes: (r.scope ?? "").split(" ").filter(Boolean),
    instanceUrl: r.instance_url,
    identityUrl: r.id,
    tokenType: r.token_type,
    issuedAt: r.issued_at ? Number(r.issued_at) : undefined,
    orgId: ids?.orgId ?? "",
    userId: ids?.userId ?? "",
  }
}
