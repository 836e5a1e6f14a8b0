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

/** `embedded`: what stands in for the variable when it is unset and the embedded org runs. */
const VARIABLES: {
  name: string
  realOrg: "required" | "optional"
  what: string
  embedded?: string
}[] = [
  {
    name: "SALESFORCE_LOGIN_URL",
    realOrg: "required",
    what: "the org's login URL",
    embedded: "unset: the site uses its embedded org",
  },
  {
    name: "SALESFORCE_CLIENT_ID",
    realOrg: "required",
    what: "the app's consumer key",
    embedded: "the embedded org's generated app",
  },
  {
    name: "SALESFORCE_CLIENT_SECRET",
    realOrg: "required",
    what: "the app's consumer secret",
    embedded: "the embedded org's generated app",
  },
  {
    name: "SALESFORCE_PRIVATE_KEY",
    realOrg: "optional",
    what: "the JWT signing key (PEM), or use the _FILE variable",
    embedded: "the embedded org's generated key (.data/connected-app/server.key)",
  },
  {
    name: "SALESFORCE_PRIVATE_KEY_FILE",
    realOrg: "optional",
    what: "path to the JWT signing key (server.key)",
    embedded: "the embedded org's generated key",
  },
  {
    name: "SALESFORCE_USERNAME",
    realOrg: "optional",
    what: "the user JWT Bearer signs for",
    embedded: "the embedded org's demo users",
  },
  {
    name: "SALESFORCE_JWT_USERNAMES",
    realOrg: "optional",
    what: "more JWT Bearer users, comma-separated",
    embedded: "the embedded org's demo users",
  },
  { name: "SALESFORCE_JWT_AUDIENCE", realOrg: "optional", what: "overrides the computed JWT aud" },
  {
    name: "SALESFORCE_SCOPES",
    realOrg: "optional",
    what: "scopes the flows request (default api refresh_token openid)",
  },
  {
    name: "NEXTAUTH_URL",
    realOrg: "optional",
    what: "the site's URL; the callback URLs derive from it (default http://localhost:3000)",
  },
  {
    name: "NEXTAUTH_SECRET",
    realOrg: "optional",
    what: "session encryption key; generated into the data folder when unset",
  },
]

/**
 * Each variable: set, missing, invalid (with the reason from the configuration check) or unset.
 * Values are never shown, not even partly; only whether and why.
 */
export function configStatus(env: Readonly<Record<string, string | undefined>> = process.env): {
  variables: VariableStatus[]
  problems: string[]
} {
  let problems: string[] = []
  try {
    parseConfig(env)
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    problems = e.problems
  }
  const real = !!env.SALESFORCE_LOGIN_URL?.trim()
  const variables = VARIABLES.map(({ name, realOrg, what, embedded }) => {
    const value = env[name]?.trim()
    const problem = problems.find((p) => p.startsWith(`${name} `) || p.includes(`${name} cannot`))
    if (problem) return { name, state: "invalid" as const, note: problem }
    if (value)
      return {
        name,
        state: "set" as const,
        note: SECRET.has(name) ? `${what} (value hidden)` : what,
      }
    if (name === "NEXTAUTH_SECRET") return { name, state: "generated" as const, note: what }
    if (real && realOrg === "required")
      return { name, state: "missing" as const, note: `required for a real org: ${what}` }
    return {
      name,
      state: "unset" as const,
      note: !real && embedded ? `${what}: ${embedded}` : what,
    }
  })
  return { variables, problems }
}
