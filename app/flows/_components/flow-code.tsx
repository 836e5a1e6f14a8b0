import {
  JWT_BEARER_FETCH_SNIPPET,
  JWT_BEARER_JSFORCE_SNIPPET,
} from "@/lib/flows/jwt-bearer-snippets"
import {
  USER_AGENT_FETCH_SNIPPET,
  USER_AGENT_JSFORCE_SNIPPET,
} from "@/lib/flows/user-agent-snippets"
import { webServerFetchSnippet, webServerJsforceSnippet } from "@/lib/flows/web-server-snippets"
import type { ClientAuthMethod } from "@/lib/salesforce/client-auth"
import { CodeToCopy, type SnippetEnv } from "./code-to-copy"

/** What a flow page knows about its org that the programs' settings mention (no secrets). */
export interface OrgFacts {
  loginUrl: string
  embedded: boolean
}

export const credentials = (org: OrgFacts, what: string): string =>
  org.embedded ? `${what} (the embedded org's are in .data/connected-app/credentials.json)` : what

/** Settings of the two interactive programs, which serve their own callback URL. */
function appEnv(org: OrgFacts, callback: string): SnippetEnv[] {
  return [
    { name: "SF_LOGIN_URL", value: <code>{org.loginUrl}</code> },
    { name: "SF_CLIENT_ID", value: credentials(org, "the consumer key") },
    { name: "SF_CLIENT_SECRET", value: "the consumer secret" },
    {
      name: "SF_REDIRECT_URI",
      value: (
        <>
          a callback URL registered on the app, which the program serves (default{" "}
          <code>http://localhost:8080/oauth/callback</code>)
          {org.embedded && (
            <>
              . The embedded org lists only this site&apos;s: with the org running alone (
              <code>npm run org</code>), use <code>{callback}</code>
            </>
          )}
        </>
      ),
    },
  ]
}

const KEY_FILE = (org: OrgFacts): SnippetEnv => ({
  name: "SF_KEY_FILE",
  value: org.embedded
    ? "the app's private key (the embedded org's is .data/connected-app/server.key)"
    : "the app's private key (PEM)",
})

/** The programs follow the page's Client authentication: the secret, a signed assertion, or nothing. */
function webServerEnv(org: OrgFacts, callback: string, auth: ClientAuthMethod): SnippetEnv[] {
  const env = appEnv(org, callback)
  if (auth === "secret") return env
  const withoutSecret = env.filter((e) => e.name !== "SF_CLIENT_SECRET")
  return auth === "none" ? withoutSecret : [...withoutSecret, KEY_FILE(org)]
}

const AUTH_NOTE: Readonly<Record<ClientAuthMethod, string>> = {
  secret: "It sends the client secret with the code, as the site does with Client secret.",
  "private-key-jwt":
    "It signs a client assertion with the app's key instead of sending a secret, as the site does with Private key JWT.",
  none: "It sends no secret at all, as the site does with None (PKCE only): turn off the app's Require Secret for Web Server Flow first.",
}

export function WebServerCode({
  org,
  callback,
  auth = "secret",
}: {
  org: OrgFacts
  callback: string
  auth?: ClientAuthMethod
}) {
  return (
    <CodeToCopy
      file="web-server.mjs"
      env={webServerEnv(org, callback, auth)}
      samples={[
        { id: "fetch", code: webServerFetchSnippet(auth) },
        { id: "jsforce", code: webServerJsforceSnippet(auth) },
      ]}
    >
      <p className="text-sm text-slate-700">
        Run it, open the <code>/login</code> address it prints, log in and allow access.{" "}
        {AUTH_NOTE[auth]}
      </p>
    </CodeToCopy>
  )
}

export function UserAgentCode({ org, callback }: { org: OrgFacts; callback: string }) {
  return (
    <CodeToCopy
      file="user-agent.mjs"
      env={appEnv(org, callback)}
      samples={[
        { id: "fetch", code: USER_AGENT_FETCH_SNIPPET },
        { id: "jsforce", code: USER_AGENT_JSFORCE_SNIPPET },
      ]}
    >
      <p className="text-sm text-slate-700">
        Run it, open the <code>/login</code> address it prints, log in and allow access. Its
        callback page is the small browser script in <code>CALLBACK_PAGE</code>.
      </p>
    </CodeToCopy>
  )
}

export function JwtBearerCode({
  org,
  username,
  audience,
}: {
  org: OrgFacts
  username?: string
  audience: string
}) {
  return (
    <CodeToCopy
      file="jwt-bearer.mjs"
      env={[
        { name: "SF_LOGIN_URL", value: <code>{org.loginUrl}</code> },
        { name: "SF_CLIENT_ID", value: credentials(org, "the consumer key") },
        {
          name: "SF_USERNAME",
          value: username ? <code>{username}</code> : "a pre-authorized user",
        },
        KEY_FILE(org),
        { name: "SF_AUDIENCE", value: <code>{audience}</code> },
      ]}
      samples={[
        { id: "fetch", code: JWT_BEARER_FETCH_SNIPPET },
        { id: "jsforce", code: JWT_BEARER_JSFORCE_SNIPPET },
      ]}
    />
  )
}
