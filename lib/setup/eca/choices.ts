import {
  IP_RELAXATION,
  PERMITTED_USERS,
  REFRESH_TOKEN_POLICY_TYPES,
  REFRESH_TOKEN_UNITS,
} from "@/lib/salesforce/eca/metadata-types"
import { ECA_FLOWS, type EcaFlow, type EcaPolicies } from "@/lib/salesforce/eca/policies"

/** What the /setup form asks for: the flows, and the policies an admin would set. */
export interface EcaChoices {
  flows: EcaFlow[]
  contactEmail: string
  runAsUsername?: string
  permittedUsers: EcaPolicies["permittedUsers"]
  refreshTokenPolicy: EcaPolicies["refreshTokenPolicy"]
  ipRelaxation: EcaPolicies["ipRelaxation"]
  highAssurance: boolean
  pkceRequired: boolean
  secretRequiredForWebServer: boolean
  secretRequiredForRefreshToken: boolean
  refreshTokenRotation: boolean
}

export class EcaChoiceError extends Error {
  readonly code = "ECA_CHOICE_INVALID"
}

const EMAIL = /^[^\s@<>"]{1,64}@[^\s@<>"]{1,190}$/
const oneOf = <T extends string>(v: string | null, values: readonly T[], fallback: T): T =>
  v !== null && (values as readonly string[]).includes(v) ? (v as T) : fallback

/**
 * The form's query (GET: a download changes nothing) into EcaChoices. A flow or enumeration value
 * the form does not offer is refused or falls back to its default; nothing from the query reaches
 * the XML unchecked.
 */
export function ecaChoicesFrom(q: URLSearchParams): EcaChoices {
  const flows = [...new Set(q.getAll("flow"))]
  const unknown = flows.find((f) => !(ECA_FLOWS as readonly string[]).includes(f))
  if (unknown !== undefined)
    throw new EcaChoiceError(
      unknown === "username-password"
        ? "External Client Apps do not support the Username-Password flow."
        : "Unknown flow.",
    )
  if (!flows.length) throw new EcaChoiceError("Pick at least one flow.")
  const contactEmail = (q.get("contactEmail") ?? "").trim()
  if (!EMAIL.test(contactEmail))
    throw new EcaChoiceError("Give a contact email (the ECA header requires one).")
  const runAs = (q.get("runAs") ?? "").trim()
  if (runAs && !EMAIL.test(runAs))
    throw new EcaChoiceError("The Run-As user must be a username (name@example.com).")
  const type = oneOf(q.get("refreshPolicy"), REFRESH_TOKEN_POLICY_TYPES, "Infinite")
  const period = Number(q.get("refreshPeriod"))
  const timed = type === "SpecificLifetime" || type === "SpecificInactivity"
  if (timed && !(Number.isInteger(period) && period >= 1 && period <= 999))
    throw new EcaChoiceError("Give the refresh token validity period as a whole number, 1 to 999.")
  const on = (name: string) => q.get(name) === "on"
  return {
    flows: flows as EcaFlow[],
    contactEmail,
    runAsUsername: runAs || undefined,
    permittedUsers: oneOf(q.get("permittedUsers"), PERMITTED_USERS, "AdminApprovedPreAuthorized"),
    refreshTokenPolicy: timed
      ? { type, period, unit: oneOf(q.get("refreshUnit"), REFRESH_TOKEN_UNITS, "Days") }
      : { type },
    ipRelaxation: oneOf(q.get("ipRelaxation"), IP_RELAXATION, "Enforce"),
    highAssurance: on("highAssurance"),
    pkceRequired: on("pkce"),
    secretRequiredForWebServer: on("secretWebServer"),
    secretRequiredForRefreshToken: on("secretRefresh"),
    refreshTokenRotation: on("rotation"),
  }
}

const REFRESH_SCOPES = ["refresh_token", "offline_access"]

/**
 * EcaChoices plus what the site knows (its callback URLs, its scopes, the configured certificate)
 * into the policies the files declare. Each flow turns on only what it needs: a callback URL for the
 * two browser flows, the certificate for JWT Bearer, the refresh_token scope for Refresh.
 */
export function ecaPoliciesFor(
  c: EcaChoices,
  site: {
    callbacks: { webServer: string; userAgent: string }
    scopes: string[]
    certificatePem?: string
  },
): EcaPolicies {
  const has = (f: EcaFlow) => c.flows.includes(f)
  const scopes = site.scopes.filter((s) => !REFRESH_SCOPES.includes(s))
  if (has("refresh")) scopes.push("refresh_token")
  return {
    appName: "Salesforce_OAuth_Lab",
    label: "Salesforce OAuth Lab",
    contactEmail: c.contactEmail,
    callbackUrls: [
      ...(has("web-server") ? [site.callbacks.webServer] : []),
      ...(has("user-agent") ? [site.callbacks.userAgent] : []),
    ],
    scopes: scopes.length ? scopes : ["api"],
    pkceRequired: c.pkceRequired,
    secretRequiredForWebServer: c.secretRequiredForWebServer,
    secretRequiredForRefreshToken: c.secretRequiredForRefreshToken,
    refreshTokenRotation: c.refreshTokenRotation,
    certificatePem: has("jwt-bearer") ? site.certificatePem : undefined,
    clientCredentials: {
      enabled: has("client-credentials"),
      runAsUsername: has("client-credentials") ? c.runAsUsername : undefined,
    },
    deviceFlow: has("device"),
    refreshTokenPolicy: c.refreshTokenPolicy,
    permittedUsers: c.permittedUsers,
    ipRelaxation: c.ipRelaxation,
    highAssurance: c.highAssurance,
  }
}
