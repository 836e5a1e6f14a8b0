import type { ReactNode } from "react"
import type { SnippetEnv } from "./code-to-copy"

// The settings every flow's programs share, and where a reader finds each value: names and places,
// never a secret. One definition, so that the ten pages name the same variable the same way.

/** What a flow page knows about its org that the programs' settings mention (no secrets). */
export interface OrgFacts {
  loginUrl: string
  embedded: boolean
}

/** Where the embedded org keeps the app's credentials, after `what` is found for a real org. */
export const credentials = (org: OrgFacts, what: string): string =>
  org.embedded ? `${what} (the embedded org's are in .data/connected-app/credentials.json)` : what

/** `SF_LOGIN_URL`: the page's org, with a note when the flow needs a particular host. */
export const loginUrlEnv = (org: OrgFacts, note?: ReactNode): SnippetEnv => ({
  name: "SF_LOGIN_URL",
  value: (
    <>
      <code>{org.loginUrl}</code>
      {note}
    </>
  ),
})

export const clientIdEnv = (org: OrgFacts): SnippetEnv => ({
  name: "SF_CLIENT_ID",
  value: credentials(org, "the consumer key"),
})

const CLIENT_SECRET_ENV: SnippetEnv = {
  name: "SF_CLIENT_SECRET",
  value: "the consumer secret",
}

/** The app's consumer key and secret, for the programs that authenticate with the secret. */
export const appKeysEnv = (org: OrgFacts): SnippetEnv[] => [clientIdEnv(org), CLIENT_SECRET_ENV]

/** `SF_KEY_FILE`: the key that signs the assertion; `realOrg` says which key it is in a real org. */
export const keyFileEnv = (org: OrgFacts, realOrg = "the app's private key (PEM)"): SnippetEnv => ({
  name: "SF_KEY_FILE",
  value: org.embedded
    ? "the app's private key (the embedded org's is .data/connected-app/server.key)"
    : realOrg,
})

/**
 * The settings of the bearer-assertion programs (JWT Bearer, SAML Bearer): who signs, for whom, for
 * which audience. `realOrgKey` says which private key a real org's app expects.
 */
export const bearerEnv = (
  org: OrgFacts,
  { username, audience, realOrgKey }: { username?: string; audience: string; realOrgKey?: string },
): SnippetEnv[] => [
  loginUrlEnv(org),
  clientIdEnv(org),
  { name: "SF_USERNAME", value: username ? <code>{username}</code> : "a pre-authorized user" },
  keyFileEnv(org, realOrgKey),
  { name: "SF_AUDIENCE", value: <code>{audience}</code> },
]
