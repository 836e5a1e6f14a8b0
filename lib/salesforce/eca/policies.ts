import type {
  IP_RELAXATION,
  PERMITTED_USERS,
  REFRESH_TOKEN_POLICY_TYPES,
  REFRESH_TOKEN_UNITS,
} from "./metadata-types"

/**
 * What an External Client App's metadata says, as one plain object: what the generator writes and
 * what the importer reads back (every field optional there: a file may leave any of them out). The
 * embedded org applies what it models; the rest is reported as "declared, not modelled yet".
 */
export interface EcaPolicies {
  /** API name: the header file's name and every other file's `externalClientApplication`. */
  appName: string
  label: string
  contactEmail: string
  /** `callbackUrl` (one element; several URLs one per line, see callbackUrlsFrom). */
  callbackUrls: string[]
  /** OAuth scope values as requested on the wire (`api`, `refresh_token`…). */
  scopes: string[]
  /** `isPkceRequired`. */
  pkceRequired: boolean
  /** Not `isConsumerSecretOptional`: "Require Secret for Web Server Flow". */
  secretRequiredForWebServer: boolean
  /** `isSecretRequiredForRefreshToken`. */
  secretRequiredForRefreshToken: boolean
  /** `isRefreshTokenRotationEnabled`. */
  refreshTokenRotation: boolean
  /** `certificate`: a PEM certificate, never a key. Its presence enables JWT Bearer. */
  certificatePem?: string
  /** `isClientCredentialsFlowEnabled` (global settings and policies) and `clientCredentialsFlowUser`. */
  clientCredentials: { enabled: boolean; runAsUsername?: string }
  /** `isDeviceFlowEnabled`. */
  deviceFlow: boolean
  /** `refreshTokenPolicyType`, `refreshTokenValidityPeriod`, `refreshTokenValidityUnit`. */
  refreshTokenPolicy: {
    type: (typeof REFRESH_TOKEN_POLICY_TYPES)[number]
    period?: number
    unit?: (typeof REFRESH_TOKEN_UNITS)[number]
  }
  /** `permittedUsersPolicyType`. */
  permittedUsers: (typeof PERMITTED_USERS)[number]
  /** `ipRelaxationPolicyType`. */
  ipRelaxation: (typeof IP_RELAXATION)[number]
  /** `requiredSessionLevel` HIGH_ASSURANCE with `policyAction` RaiseSessionLevel. */
  highAssurance: boolean
  /** `sessionTimeoutInMinutes` (opaque tokens only). */
  sessionTimeoutMinutes?: number
}

/** The flows an External Client App can be set up for here. Username-Password is not one. */
export const ECA_FLOWS = [
  "web-server",
  "user-agent",
  "jwt-bearer",
  "client-credentials",
  "device",
  "refresh",
] as const
export type EcaFlow = (typeof ECA_FLOWS)[number]

export const ECA_FLOW_LABELS: Readonly<Record<EcaFlow, string>> = {
  "web-server": "Web Server (authorization code + PKCE)",
  "user-agent": "User-Agent",
  "jwt-bearer": "JWT Bearer",
  "client-credentials": "Client Credentials",
  device: "Device",
  refresh: "Refresh Token",
}

/**
 * `commaSeparatedOauthScopes` values and the OAuth scopes they grant. The value names are the
 * reference's (ExtlClntAppOauthSettings); which wire scope each stands for is read from their
 * descriptions ("RefreshToken … the same behavior as deploying OfflineAccess", "Basic … the same
 * behavior as deploying Address, Email, Phone, and Profile"; docs/fidelity.md, F-203).
 */
export const METADATA_SCOPES: Readonly<Record<string, readonly string[]>> = {
  Api: ["api"],
  Web: ["web"],
  Full: ["full"],
  Chatter: ["chatter_api"],
  CustomApplications: ["visualforce"],
  RefreshToken: ["refresh_token", "offline_access"],
  OfflineAccess: ["refresh_token", "offline_access"],
  OpenID: ["openid"],
  Basic: ["id", "profile", "email", "address", "phone"],
  Profile: ["profile"],
  Email: ["email"],
  Address: ["address"],
  Phone: ["phone"],
  CustomPermissions: ["custom_permissions"],
}

/** Wire scopes → metadata values, each value once, in a stable order. */
export function metadataScopes(scopes: readonly string[]): string[] {
  const out = new Set<string>()
  for (const s of scopes) {
    if (s === "id") out.add("Basic")
    else {
      const hit = Object.entries(METADATA_SCOPES).find(
        ([name, wire]) => name !== "OfflineAccess" && name !== "Basic" && wire.includes(s),
      )
      if (hit) out.add(hit[0])
    }
  }
  return [...out]
}

/** Metadata values → wire scopes, plus the values this list does not know. */
export function wireScopes(values: readonly string[]): { scopes: string[]; unknown: string[] } {
  const scopes = new Set<string>()
  const unknown: string[] = []
  for (const v of values) {
    const wire = Object.hasOwn(METADATA_SCOPES, v) ? METADATA_SCOPES[v] : undefined
    if (wire) for (const s of wire) scopes.add(s)
    else unknown.push(v)
  }
  return { scopes: [...scopes], unknown }
}

/**
 * `callbackUrl` is a single string field. Several URLs go one per line, as connected apps' metadata
 * takes them; the reference says nothing about several for ECAs (unverified, docs/fidelity.md,
 * F-202), so the importer also splits on commas.
 */
export const joinCallbackUrls = (urls: readonly string[]) => urls.join("\n")
export const callbackUrlsFrom = (text: string) =>
  text
    .split(/[\n,]/)
    .map((u) => u.trim())
    .filter(Boolean)
