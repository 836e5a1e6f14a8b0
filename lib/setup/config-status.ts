import "server-only"
import { ConfigError } from "@/lib/config/errors"
import { parseConfig } from "@/lib/config/env"

export type VariableState = "set" | "missing" | "invalid" | "unset" | "generated"

export interface VariableStatus {
  name: string
  state: VariableState
  note: string
}

const SECRET = new Set(["SALESFORCE_CLIENT_SECRET", "SALESFORCE_PRIVATE_KEY", "NEXTAUTH_SECRET"])

const VARIABLES: { name: string; realOrg: "required" | "optional"; what: string }[] = [
  { name: "SALESFORCE_LOGIN_URL", realOrg: "required", what: "the org's login URL; unset runs the embedded org" },
  { name: "SALESFORCE_CLIENT_ID", realOrg: "required", what: "the app's consumer key" },
  { name: "SALESFORCE_CLIENT_SECRET", realOrg: "required", what: "the app's consumer secret" },
  { name: "SALESFORCE_PRIVATE_KEY", realOrg: "optional", what: "the JWT signing key (PEM), or use the _FILE variable" },
  { name: "SALESFORCE_PRIVATE_KEY_FILE", realOrg: "optional", what: "path to the JWT signing key (server.key)" },
  { name: "SALESFORCE_USERNAME", realOrg: "optional", what: "the user JWT Bearer signs for" },
  { name: "SALESFORCE_JWT_USERNAMES", realOrg: "optional", what: "more JWT Bearer users, comma-separated" },
  { name: "SALESFORCE_JWT_AUDIENCE", realOrg: "optional", what: "overrides the computed JWT aud" },
  { name: "SALESFORCE_SCOPES", realOrg: "optional", what: "scopes the flows request (default api refresh_token openid)" },
  { name: "NEXTAUTH_URL", realOrg: "optional", what: "the site's URL; the callback URLs derive from it" },
  { name: "NEXTAUTH_SECRET", realOrg: "optional", what: "session encryption key; generated into the data folder when unset" },
]

/**
 * Each variable: set, missing, invalid (with the reason from the configuration check) or unset.
 * Values are never shown, not even partly; only whether and why.
 */
export function configStatus(env: Readonly<Record<string, string | undefined>> = process.env): { variables: VariableStatus[]; problems: string[] } {
  let problems: string[] = []
  try {
    parseConfig(env)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    problems = e.problems
  }
  const real = !!env.SALESFORCE_LOGIN_URL?.trim()
  const variables = VARIABLES.map(({ name, realOrg, what }) => {
    const value = env[name]?.trim()
    const problem = problems.find((p) => p.startsWith(`${name} `) || p.includes(`${name} cannot`))
    if (problem) return { name, state: "invalid" as const, note: problem }
    if (value) return { name, state: "set" as const, note: SECRET.has(name) ? `${what} (value hidden)` : what }
    if (name === "NEXTAUTH_SECRET") return { name, state: "generated" as const, note: what }
    if (real && realOrg === "required") return { name, state: "missing" as const, note: `required for a real org: ${what}` }
    return { name, state: "unset" as const, note: real ? what : `${what} (the embedded org provides it)` }
  })
  return { variables, problems }
}
