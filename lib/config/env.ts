import "server-only"
import fs from "node:fs"
import path from "node:path"
import { z } from "zod"
import { ConfigError } from "./errors"
import { externalIdpConfig, type ExternalIdpConfig } from "./external-idp"
import { loginUrlProblem, normaliseLoginUrl } from "./login-url"
import { embeddedOrgUrls, type EmbeddedOrgUrls } from "./org-urls"
import { siteUrlFrom } from "./site-url"

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()))

const schema = z.object({
  SALESFORCE_LOGIN_URL: optional,
  SALESFORCE_CLIENT_ID: optional,
  SALESFORCE_CLIENT_SECRET: optional,
  SALESFORCE_PRIVATE_KEY: optional,
  SALESFORCE_PRIVATE_KEY_FILE: optional,
  NEXTAUTH_URL: optional,
  NEXTAUTH_SECRET: optional,
  SALESFORCE_USERNAME: optional,
  SALESFORCE_JWT_USERNAMES: optional,
  SALESFORCE_JWT_AUDIENCE: optional,
  SALESFORCE_SCOPES: optional,
  SALESFORCE_LAB_DATA_DIR: optional,
  SALESFORCE_LAB_TOKEN_MARK: optional,
  SALESFORCE_LAB_RATE_LIMITS: optional,
  SALESFORCE_LAB_ORG_PORT: optional,
  SALESFORCE_LAB_IDP_PORT: optional,
  SALESFORCE_TOKEN_EXCHANGE_ISSUER: optional,
  SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID: optional,
  SALESFORCE_TOKEN_EXCHANGE_CLIENT_SECRET: optional,
  SALESFORCE_TOKEN_EXCHANGE_HANDLER: optional,
  LAB_ACCESS_PASSWORD: optional,
})

/** The shortest operator passphrase accepted (docs/security.md, C-81). */
export const LAB_ACCESS_MIN_LENGTH = 12

/** Scopes the flows ask for unless SALESFORCE_SCOPES says otherwise. */
export const DEFAULT_SCOPES = "api refresh_token openid"

export interface SiteConfig {
  /** "emulator" when SALESFORCE_LOGIN_URL is unset: the site talks to the embedded org. */
  mode: "emulator" | "real"
  /** The site's origin, from NEXTAUTH_URL (default http://localhost:3000). */
  siteUrl: string
  /** Where Salesforce logins go: the real org, or the embedded org's My Domain. */
  loginUrl: string
  /** The embedded org's origins (emulator mode only). */
  org?: EmbeddedOrgUrls
  /** Git-ignored folder for the embedded org's database and generated keys. */
  dataDir: string
  /** Operator-supplied app credentials (real org; or registered into the embedded org). */
  app?: { clientId: string; clientSecret: string; privateKeyPem: string }
  /** Scopes the flows request. */
  scopes: string
  /** Usernames the JWT Bearer flow may sign for (empty in emulator mode: the seeded users). */
  jwtUsernames: string[]
  /** SALESFORCE_JWT_AUDIENCE, when the operator overrides the computed `aud`. */
  jwtAudience?: string
  /** NEXTAUTH_SECRET when set; otherwise one is generated into the data folder. */
  nextAuthSecret?: string
  /** SALESFORCE_LAB_TOKEN_MARK: a fixed text inside every token the embedded org mints, for leak searches. */
  tokenMark?: string
  /** False when SALESFORCE_LAB_RATE_LIMITS=off: the embedded org rate-limits nothing (load tests, bench). */
  rateLimits: boolean
  /** LAB_ACCESS_PASSWORD: when set, every page and route first asks for it (docs/security.md, C-81). */
  labAccessPassword?: string
  /** The Token Exchange flow's external identity provider (lib/config/external-idp.ts). */
  externalIdp?: ExternalIdpConfig
}

/** `SALESFORCE_PRIVATE_KEY` may come with literal `\n` (as .env files and CI secrets store it). */
const normalisePem = (pem: string) => pem.replace(/\\n/g, "\n").trim() + "\n"

/** Validates the environment once; every problem is reported in one ConfigError. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): SiteConfig {
  const e = schema.parse(env)
  const problems: string[] = []
  const siteUrl = siteUrlFrom(e.NEXTAUTH_URL)
  if (e.NEXTAUTH_URL) {
    const p = loginUrlProblem(e.NEXTAUTH_URL)
    if (p) problems.push(`NEXTAUTH_URL ${p}`)
  }
  if (e.SALESFORCE_LOGIN_URL) {
    const p = loginUrlProblem(e.SALESFORCE_LOGIN_URL)
    if (p) problems.push(`SALESFORCE_LOGIN_URL ${p}`)
  }
  if (e.SALESFORCE_PRIVATE_KEY && e.SALESFORCE_PRIVATE_KEY_FILE) {
    problems.push("set SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE, not both")
  }
  let privateKeyPem: string | undefined
  if (e.SALESFORCE_PRIVATE_KEY) privateKeyPem = normalisePem(e.SALESFORCE_PRIVATE_KEY)
  else if (e.SALESFORCE_PRIVATE_KEY_FILE) {
    try {
      privateKeyPem = normalisePem(
        fs.readFileSync(
          path.resolve(/*turbopackIgnore: true*/ e.SALESFORCE_PRIVATE_KEY_FILE),
          "utf8",
        ),
      )
    } catch {
      problems.push(`SALESFORCE_PRIVATE_KEY_FILE cannot be read (${e.SALESFORCE_PRIVATE_KEY_FILE})`)
    }
  }
  if (privateKeyPem && !/-----BEGIN (RSA )?PRIVATE KEY-----/.test(privateKeyPem)) {
    problems.push(
      "the private key is not a PEM private key (expected the text of server.key: a PKCS#8 or PKCS#1 PEM block, not a certificate)",
    )
  }
  const mode = e.SALESFORCE_LOGIN_URL ? "real" : "emulator"
  const given = {
    SALESFORCE_CLIENT_ID: e.SALESFORCE_CLIENT_ID,
    SALESFORCE_CLIENT_SECRET: e.SALESFORCE_CLIENT_SECRET,
    "SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE":
      privateKeyPem ?? e.SALESFORCE_PRIVATE_KEY_FILE,
  }
  const missing = Object.entries(given)
    .filter(([, v]) => !v)
    .map(([k]) => k)
  if (mode === "real" && missing.length)
    problems.push(`a real org (SALESFORCE_LOGIN_URL is set) needs ${missing.join(", ")}`)
  if (mode === "emulator" && missing.length && missing.length < 3) {
    problems.push(
      `to register your own app in the embedded org set all of SALESFORCE_CLIENT_ID, SALESFORCE_CLIENT_SECRET and a private key; missing: ${missing.join(", ")}`,
    )
  }
  if (e.SALESFORCE_JWT_AUDIENCE) {
    const p = loginUrlProblem(e.SALESFORCE_JWT_AUDIENCE)
    if (p) problems.push(`SALESFORCE_JWT_AUDIENCE ${p}`)
  }
  const scopes = (e.SALESFORCE_SCOPES ?? DEFAULT_SCOPES).split(/[\s,]+/).filter(Boolean)
  if (scopes.some((s) => !/^[\w.:-]{1,64}$/.test(s)))
    problems.push(
      "SALESFORCE_SCOPES must be scope names separated by spaces (e.g. api refresh_token openid)",
    )
  const jwtUsernames = [e.SALESFORCE_USERNAME, ...(e.SALESFORCE_JWT_USERNAMES ?? "").split(",")]
    .map((u) => u?.trim())
    .filter((u): u is string => !!u)
  // Node's switch that turns off TLS certificate checks would let anyone on the path read the client
  // secret and every token sent to a real org (RFC 6749 §10.9; docs/security.md, C-49).
  if (mode === "real" && env.NODE_TLS_REJECT_UNAUTHORIZED === "0") {
    problems.push(
      "NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks on every call to Salesforce: unset it (for a corporate proxy's CA, use NODE_EXTRA_CA_CERTS)",
    )
  }
  if (e.NEXTAUTH_SECRET && e.NEXTAUTH_SECRET.length < 32)
    problems.push("NEXTAUTH_SECRET must be at least 32 characters (openssl rand -base64 32)")
  if (e.SALESFORCE_LAB_TOKEN_MARK && !/^[A-Za-z0-9]{8,40}$/.test(e.SALESFORCE_LAB_TOKEN_MARK)) {
    problems.push(
      "SALESFORCE_LAB_TOKEN_MARK must be 8 to 40 letters and digits (it becomes part of every token the embedded org mints)",
    )
  }
  const rateLimits = e.SALESFORCE_LAB_RATE_LIMITS?.toLowerCase()
  if (rateLimits !== undefined && rateLimits !== "on" && rateLimits !== "off")
    problems.push("SALESFORCE_LAB_RATE_LIMITS must be on or off")
  if (e.LAB_ACCESS_PASSWORD && e.LAB_ACCESS_PASSWORD.length < LAB_ACCESS_MIN_LENGTH)
    problems.push(
      `LAB_ACCESS_PASSWORD must be at least ${LAB_ACCESS_MIN_LENGTH} characters (openssl rand -base64 18)`,
    )
  const org = mode === "emulator" ? embeddedOrgUrls(siteUrl, e.SALESFORCE_LAB_ORG_PORT) : undefined
  if (typeof org === "string") problems.push(org)
  const idp = externalIdpConfig(e, siteUrl, mode)
  problems.push(...idp.problems)
  if (problems.length) throw new ConfigError(problems)
  const orgUrls = org as EmbeddedOrgUrls | undefined
  return {
    mode,
    siteUrl,
    loginUrl: orgUrls ? orgUrls.myDomainUrl : normaliseLoginUrl(e.SALESFORCE_LOGIN_URL!),
    org: orgUrls,
    dataDir: path.resolve(/*turbopackIgnore: true*/ e.SALESFORCE_LAB_DATA_DIR ?? ".data"),
    app:
      e.SALESFORCE_CLIENT_ID && e.SALESFORCE_CLIENT_SECRET && privateKeyPem
        ? {
            clientId: e.SALESFORCE_CLIENT_ID,
            clientSecret: e.SALESFORCE_CLIENT_SECRET,
            privateKeyPem,
          }
        : undefined,
    scopes: [...new Set(scopes)].join(" "),
    jwtUsernames: [...new Set(jwtUsernames)],
    jwtAudience: e.SALESFORCE_JWT_AUDIENCE,
    nextAuthSecret: e.NEXTAUTH_SECRET,
    tokenMark: e.SALESFORCE_LAB_TOKEN_MARK,
    rateLimits: rateLimits !== "off",
    labAccessPassword: e.LAB_ACCESS_PASSWORD,
    externalIdp: idp.idp,
  }
}

let cached: SiteConfig | undefined

export function getConfig(): SiteConfig {
  return (cached ??= parseConfig(process.env))
}
