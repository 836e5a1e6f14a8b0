import {
  JWT_BEARER_FETCH_SNIPPET,
  JWT_BEARER_JSFORCE_SNIPPET,
} from "@/lib/flows/jwt-bearer-snippets"
import {
  USER_AGENT_FETCH_SNIPPET,
  USER_AGENT_JSFORCE_SNIPPET,
} from "@/lib/flows/user-agent-snippets"
import {
  WEB_SERVER_FETCH_SNIPPET,
  WEB_SERVER_JSFORCE_SNIPPET,
} from "@/lib/flows/web-server-snippets"
import { CodeToCopy, type SnippetEnv } from "./code-to-copy"

/** What a flow page knows about its org that the programs' settings mention (no secrets). */
interface OrgFacts {
  loginUrl: string
  embedded: boolean
}

const credentials = (org: OrgFacts, what: string): string =>
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

export function WebServerCode({ org, callback }: { org: OrgFacts; callback: string }) {
  return (
    <CodeToCopy
      file="web-server.mjs"
      env={appEnv(org, callback)}
      fetchCode={WEB_SERVER_FETCH_SNIPPET}
      jsforceCode={WEB_SERVER_JSFORCE_SNIPPET}
    >
      <p className="text-sm text-slate-700">
        Run it, open the <code>/login</code> address it prints, log in and allow access.
      </p>
    </CodeToCopy>
  )
}

export function UserAgentCode({ org, callback }: { org: OrgFacts; callback: string }) {
  return (
    <CodeToCopy
      file="user-agent.mjs"
      env={appEnv(org, callback)}
      fetchCode={USER_AGENT_FETCH_SNIPPET}
      jsforceCode={USER_AGENT_JSFORCE_SNIPPET}
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
        {
          name: "SF_KEY_FILE",
          value: org.embedded
            ? "the app's private key (the embedded org's is .data/connected-app/server.key)"
            : "the app's private key (PEM)",
        },
        { name: "SF_AUDIENCE", value: <code>{audience}</code> },
      ]}
      fetchCode={JWT_BEARER_FETCH_SNIPPET}
      jsforceCode={JWT_BEARER_JSFORCE_SNIPPET}
    />
  )
}
