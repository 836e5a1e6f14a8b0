import type { ClientAuthMethod } from "@/lib/salesforce/client-auth"
import type { TokenSet } from "@/lib/salesforce/token-set"

export type FlowName =
  | "web-server"
  | "user-agent"
  | "jwt-bearer"
  | "client-credentials"
  | "username-password"
  | "device"
  | "saml-bearer"
  | "asset-token"
  | "token-exchange"

export const FLOW_LABELS: Readonly<Record<FlowName, string>> = {
  "web-server": "Web Server flow",
  "user-agent": "User-Agent flow",
  "jwt-bearer": "JWT Bearer flow",
  "client-credentials": "Client Credentials flow",
  "username-password": "Username-Password flow",
  device: "Device flow",
  "saml-bearer": "SAML Bearer flow",
  "asset-token": "Asset Token flow",
  "token-exchange": "Token Exchange flow",
}

/** What the Token Exchange flow joined: the external token, and how the org found its user. */
export interface TokenExchangeRecord {
  subjectTokenType: string
  issuedTokenType?: string
  tokenHandler?: string
  /** The external token's header and claims (never the token itself). */
  external: { header: Record<string, unknown>; claims: Record<string, unknown> }
  /** The claim that matched a user field, or undefined when none of the known ones did. */
  mapping?: { claim: string; value: string; field: string }
  /** The user record was created by this exchange (CreatedDate at or after the exchange began). */
  created?: boolean
}

/** The sign-in id_token's claims that a refreshed one must repeat (OIDC Core §12.2). */
export interface OriginalIdTokenClaims {
  iss?: string
  sub?: string
  aud?: string | string[]
  authTime?: number
}

export interface IdTokenReceipt {
  receivedAt: number
  /** It came from a Refresh; `original` holds the sign-in id_token's claims, if there was one. */
  refreshed: boolean
  original?: OriginalIdTokenClaims
  /** A later Refresh brought a new access token and no id_token: `at_hash` is about an earlier one. */
  earlierAccessToken?: boolean
}

export type CheckResult = { status: "pass" | "fail" | "absent"; detail?: string }

/** Everything a signed-in session holds. It lives only in next-auth's encrypted cookie. */
export interface LabSession {
  flow: FlowName
  loginUrl: string
  signedInAt: number
  user: { userId: string; orgId: string; username: string; displayName: string; email?: string }
  tokens: TokenSet
  /** How the Web Server flow authenticated the client; the inspector's Refresh does the same. */
  clientAuth?: ClientAuthMethod
  /** The JWT Bearer assertion that was sent (its signature proves nothing once used; kept for the inspector). */
  assertion?: string
  /** The SAML Bearer assertion that was sent, as XML (used once: its ID is refused again; for the inspector). */
  samlAssertion?: string
  /**
   * The org's last word on the access token: introspection at sign-in or by the inspector, or the
   * inspector's Revoke. The one check kept here, because only a call to the org can tell it again;
   * the signature and id_token checks are computed from the tokens above on every inspector view
   * (lib/inspector/verifications.ts), so they always describe the tokens the session holds now.
   */
  introspection?: CheckResult
  /** The nonce the flow sent, to re-check the id_token on the inspector (single-use, no longer secret). */
  idTokenNonce?: string
  /**
   * Where the id_token in `tokens` came from, once a Refresh has run; absent, it is the sign-in's,
   * received at `signedInAt` with the access token in `tokens`. A refreshed one is verified as OIDC
   * Core §12.2 says (lib/inspector/refreshed-id-token.ts), not as a sign-in's.
   */
  idTokenReceipt?: IdTokenReceipt
  /** The transcript of the flow and of every action since (lib/transcript). */
  transcriptId: string
  /** When the access token expires, and where that value came from (Salesforce sends no expires_in). */
  expiry?: { exp: number; source: string }
  /**
   * After a rotating refresh: recognisable prefixes of the old and new refresh tokens, and the
   * retired one itself, for *Replay the old refresh token* (reuse detection), until it is replayed.
   */
  rotation?: { old: string; new: string; at: number; retired?: string }
  /** The last asset token the session's access token was exchanged for (lib/flows/asset-token.ts). */
  assetToken?: { token: string; actorToken: string; expiresIn?: number; receivedAt: number }
  /** Token Exchange: the external token and the mapping that joined it to this user. */
  exchange?: TokenExchangeRecord
  /** What the inspector's Revoke revoked, or reuse detection after a replay. */
  revoked?: { kind: "access_token" | "refresh_token"; at: number; byReuse?: boolean }
}

/** What `/api/auth/session` and `useSession()` may show: identity and metadata, never a token. */
export interface PublicSession {
  flow: FlowName
  loginUrl: string
  signedInAt: number
  user: LabSession["user"]
  scopes: string[]
}
