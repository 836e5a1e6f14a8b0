import {
  ECA_GLOBAL_OAUTH,
  ECA_HEADER,
  ECA_OAUTH_POLICIES,
  ECA_OAUTH_SETTINGS,
  ECA_TYPES,
  IP_RELAXATION,
  PERMITTED_USERS,
  POLICY_ACTIONS,
  REFRESH_TOKEN_POLICY_TYPES,
  REFRESH_TOKEN_UNITS,
  SESSION_LEVELS,
  type EcaMetadataType,
} from "./metadata-types"
import { callbackUrlsFrom, wireScopes, type EcaPolicies } from "./policies"
import { EcaXmlError, parseMetadata, type ParsedMetadata } from "./xml"
import { EcaZipError, readZip } from "./zip"

/** What a zip declares: the fields the lab knows as EcaPolicies, the rest listed as found. */
export interface EcaDeclaration {
  appName: string
  /** Only what the files declare: a field left out stays undefined. */
  policies: Partial<Omit<EcaPolicies, "clientCredentials" | "refreshTokenPolicy">> & {
    clientCredentials?: { enabled?: boolean; runAsUsername?: string }
    refreshTokenPolicy?: EcaPolicies["refreshTokenPolicy"]
  }
  /** Documented fields with a value that EcaPolicies has no place for: `Type.field = value`. */
  otherFields: { type: string; field: string; value: string }[]
  /** What was read but not taken, each with why. */
  ignored: string[]
  /** The metadata files found, by path in the zip. */
  files: string[]
}

/** The metadata file of `type` among the zip's paths (source or metadata format), at most one. */
function fileOf(type: EcaMetadataType, paths: string[]): string | undefined {
  const found = paths.filter((p) => {
    const parts = p.split("/")
    const base = parts.at(-1)!
    return (
      parts.at(-2) === type.folder &&
      (base.endsWith(`.${type.suffix}-meta.xml`) || base.endsWith(`.${type.suffix}`))
    )
  })
  if (found.length > 1)
    throw new EcaZipError(
      `The zip holds ${found.length} ${type.name} files: import one External Client App at a time.`,
    )
  return found[0]
}

const memberOf = (path: string) =>
  path
    .split("/")
    .at(-1)!
    .replace(/\.[^.]+(-meta\.xml)?$/, "")

/** Reads an uploaded zip into an EcaDeclaration; EcaZipError or EcaXmlError with a plain reason. */
export function parseEcaZip(data: Uint8Array): EcaDeclaration {
  const zip = readZip(data)
  const paths = [...zip.files.keys()]
  const headerPath = fileOf(ECA_HEADER, paths)
  if (!headerPath)
    throw new EcaZipError(
      `No External Client App found: the zip needs an ${ECA_HEADER.folder}/<name>.${ECA_HEADER.suffix}-meta.xml file (the one /setup generates).`,
    )
  const appName = memberOf(headerPath)
  const d: EcaDeclaration = {
    appName,
    policies: {},
    otherFields: [],
    ignored: zip.ignored.map((n) => `${n}: unsafe or unsupported zip entry, not read`),
    files: [],
  }
  const parsed = new Map<EcaMetadataType, ParsedMetadata>()
  for (const type of ECA_TYPES) {
    const path = type === ECA_HEADER ? headerPath : fileOf(type, paths)
    if (!path) continue
    const meta = parseMetadata(zip.files.get(path)!, type)
    const owner = meta.fields.get("externalClientApplication")
    if (type !== ECA_HEADER && owner !== appName)
      throw new EcaXmlError(
        `${type.name}: externalClientApplication is "${owner ?? ""}", not the app "${appName}" of ${headerPath}.`,
      )
    for (const f of meta.unknown)
      d.ignored.push(`${type.name}.${f}: not a field of ${type.name} in the Metadata API reference`)
    for (const f of meta.structured) d.otherFields.push({ type: type.name, field: f, value: "…" })
    parsed.set(type, meta)
    d.files.push(path)
  }
  readFields(d, parsed)
  return d
}

/** Maps the documented fields onto EcaPolicies; bad values are ignored with their reason. */
function readFields(d: EcaDeclaration, parsed: Map<EcaMetadataType, ParsedMetadata>) {
  const p = d.policies
  const taken = new Set<string>()
  const get = (type: EcaMetadataType, field: string) => {
    const v = parsed.get(type)?.fields.get(field)
    if (v !== undefined) taken.add(`${type.name}.${field}`)
    return v
  }
  const bad = (type: EcaMetadataType, field: string, v: string, why: string) =>
    d.ignored.push(`${type.name}.${field} = "${v.slice(0, 80)}": ${why}`)
  const flag = (type: EcaMetadataType, field: string): boolean | undefined => {
    const v = get(type, field)
    if (v === undefined) return undefined
    if (v === "true" || v === "false") return v === "true"
    bad(type, field, v, "not true or false")
    return undefined
  }
  const oneOf = <T extends string>(type: EcaMetadataType, field: string, values: readonly T[]) => {
    const v = get(type, field)
    if (v === undefined) return undefined
    if ((values as readonly string[]).includes(v)) return v as T
    bad(type, field, v, `not one of ${values.join(", ")}`)
    return undefined
  }
  const G = ECA_GLOBAL_OAUTH
  const P = ECA_OAUTH_POLICIES
  const label = get(ECA_HEADER, "label")
  if (label) p.label = label
  const email = get(ECA_HEADER, "contactEmail")
  if (email) p.contactEmail = email
  const callbacks = get(G, "callbackUrl")
  if (callbacks !== undefined) p.callbackUrls = callbackUrlsFrom(callbacks)
  const cert = get(G, "certificate")
  if (cert !== undefined) {
    if (/PRIVATE KEY/.test(cert))
      throw new EcaXmlError(
        `${G.name}.certificate holds a private key: only a certificate belongs there. Keep the key to yourself.`,
      )
    if (/^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(cert))
      p.certificatePem = `${cert}\n`
    else bad(G, "certificate", cert, "not a PEM certificate (-----BEGIN CERTIFICATE-----)")
  }
  for (const secret of ["consumerKey", "consumerSecret"])
    if (get(G, secret) !== undefined)
      d.ignored.push(
        `${G.name}.${secret}: never imported; the org keeps its own consumer key and secret`,
      )
  const optional = flag(G, "isConsumerSecretOptional")
  if (optional !== undefined) p.secretRequiredForWebServer = !optional
  p.secretRequiredForRefreshToken = flag(G, "isSecretRequiredForRefreshToken")
  p.pkceRequired = flag(G, "isPkceRequired")
  p.refreshTokenRotation = flag(G, "isRefreshTokenRotationEnabled")
  p.deviceFlow = flag(G, "isDeviceFlowEnabled")
  // The flow is on only when the developer enables it and the admin policy does too.
  const ccDev = flag(G, "isClientCredentialsFlowEnabled")
  const ccAdmin = flag(P, "isClientCredentialsFlowEnabled")
  const runAs = get(P, "clientCredentialsFlowUser")
  if (ccDev !== undefined || ccAdmin !== undefined || runAs)
    p.clientCredentials = {
      enabled: ccDev === false || ccAdmin === false ? false : (ccDev ?? ccAdmin),
      runAsUsername: runAs || undefined,
    }
  const scopes = get(ECA_OAUTH_SETTINGS, "commaSeparatedOauthScopes")
  if (scopes !== undefined) {
    const values = scopes
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean)
    const read = wireScopes(values)
    p.scopes = read.scopes
    for (const u of read.unknown)
      d.otherFields.push({
        type: ECA_OAUTH_SETTINGS.name,
        field: "commaSeparatedOauthScopes",
        value: u,
      })
  }
  p.permittedUsers = oneOf(P, "permittedUsersPolicyType", PERMITTED_USERS)
  p.ipRelaxation = oneOf(P, "ipRelaxationPolicyType", IP_RELAXATION)
  const level = oneOf(P, "requiredSessionLevel", SESSION_LEVELS)
  // Checked (an unknown value is reported), but either action, Block or RaiseSessionLevel, means a
  // standard session is not enough.
  oneOf(P, "policyAction", POLICY_ACTIONS)
  if (level !== undefined) p.highAssurance = level === "HIGH_ASSURANCE"
  const type = oneOf(P, "refreshTokenPolicyType", REFRESH_TOKEN_POLICY_TYPES)
  if (type) {
    const unit = oneOf(P, "refreshTokenValidityUnit", REFRESH_TOKEN_UNITS)
    const n = Number(get(P, "refreshTokenValidityPeriod"))
    p.refreshTokenPolicy = {
      type,
      ...(Number.isInteger(n) && n > 0 && unit ? { period: n, unit } : {}),
    }
  }
  const timeout = Number(get(P, "sessionTimeoutInMinutes"))
  if (Number.isInteger(timeout) && timeout > 0) p.sessionTimeoutMinutes = timeout
  // Every other documented field with a value: listed, never silently dropped.
  for (const [t, meta] of parsed)
    for (const [field, value] of meta.fields)
      if (
        !taken.has(`${t.name}.${field}`) &&
        !["externalClientApplication", "label"].includes(field)
      )
        d.otherFields.push({ type: t.name, field, value: value.slice(0, 120) })
  for (const k of Object.keys(p) as (keyof typeof p)[]) if (p[k] === undefined) delete p[k]
}
