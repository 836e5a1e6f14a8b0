import {
  TOKEN_EXCHANGE_FETCH_SNIPPET,
  TOKEN_EXCHANGE_JSFORCE_SNIPPET,
} from "@/lib/flows/token-exchange-snippets"
import { CodeToCopy } from "../_components/code-to-copy"
import { appKeysEnv, loginUrlEnv, type OrgFacts } from "../_components/snippet-env"

/** The Token Exchange page's programs and what to set for them (no secrets, no tokens). */
export function TokenExchangeCode({ org, handler }: { org: OrgFacts; handler?: string }) {
  return (
    <CodeToCopy
      file="token-exchange.mjs"
      env={[
        loginUrlEnv(org),
        ...appKeysEnv(org),
        {
          name: "SF_SUBJECT_TOKEN",
          value: "the external provider's id_token or access token your app already has",
        },
        {
          name: "SF_SUBJECT_TOKEN_TYPE",
          value: (
            <>
              its type (default <code>urn:ietf:params:oauth:token-type:id_token</code>; or{" "}
              <code>…:access_token</code>, <code>…:jwt</code>)
            </>
          ),
        },
        {
          name: "SF_TOKEN_HANDLER",
          value: (
            <>
              optional: the token exchange handler&apos;s developer name
              {handler ? (
                <>
                  {" "}
                  (<code>{handler}</code>)
                </>
              ) : null}
            </>
          ),
        },
      ]}
      samples={[
        { id: "fetch", code: TOKEN_EXCHANGE_FETCH_SNIPPET },
        { id: "jsforce", code: TOKEN_EXCHANGE_JSFORCE_SNIPPET },
      ]}
    >
      <p className="text-sm text-slate-700">
        jsforce has no call for the token exchange grant: both programs exchange with{" "}
        <code>fetch</code>, and the jsforce one hands the token to a <code>Connection</code>.
      </p>
    </CodeToCopy>
  )
}
