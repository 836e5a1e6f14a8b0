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
import { appKeysEnv, bearerEnv, keyFileEnv, loginUrlEnv, type OrgFacts } from "./snippet-env"

/** Settings of the two interactive programs, which serve their own callback URL. */
function appEnv(org: OrgFacts, callback: string): SnippetEnv[] {
  return [
    loginUrlEnv(org),
    ...appKeysEnv(org),
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

/** The programs follow the page's Client authentication: the secret, a signed assertion, or nothing. */
function webServerEnv(org: OrgFacts, callback: string, auth: ClientAuthMethod): SnippetEnv[] {
  const env = appEnv(org, callback)
  if (auth === "secret") return env
  const withoutSecret = env.filter((e) => e.name !== "SF_CLIENT_SECRET")
  return auth === "none" ? withoutSecret : [...withoutSecret, keyFileEnv(org)]
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
      env={bearerEnv(org, { username, audience })}
      samples={[
        { id: "fetch", code: JWT_BEARER_FETCH_SNIPPET },
        { id: "jsforce", code: JWT_BEARER_JSFORCE_SNIPPET },
      ]}
    />
  )
}
