import {
  SAML_BEARER_FETCH_SNIPPET,
  SAML_BEARER_JSFORCE_SNIPPET,
} from "@/lib/flows/saml-bearer-snippets"
import { CodeToCopy } from "../_components/code-to-copy"

/** The SAML Bearer page's programs and what to set for them (no secrets). */
export function SamlBearerCode({
  org,
  username,
  audience,
}: {
  org: { loginUrl: string; embedded: boolean }
  username?: string
  audience: string
}) {
  return (
    <CodeToCopy
      file="saml-bearer.mjs"
      env={[
        { name: "SF_LOGIN_URL", value: <code>{org.loginUrl}</code> },
        {
          name: "SF_CLIENT_ID",
          value: org.embedded
            ? "the consumer key (the embedded org's is in .data/connected-app/credentials.json)"
            : "the consumer key",
        },
        {
          name: "SF_USERNAME",
          value: username ? <code>{username}</code> : "a pre-authorized user",
        },
        {
          name: "SF_KEY_FILE",
          value: org.embedded
            ? "the app's private key (the embedded org's is .data/connected-app/server.key)"
            : "the private key of the certificate uploaded to the app (PEM)",
        },
        { name: "SF_AUDIENCE", value: <code>{audience}</code> },
      ]}
      samples={[
        { id: "fetch", code: SAML_BEARER_FETCH_SNIPPET },
        { id: "jsforce", code: SAML_BEARER_JSFORCE_SNIPPET },
      ]}
    >
      <p className="text-sm text-slate-700">
        Both programs sign with <code>xml-crypto</code> (<code>npm install xml-crypto</code>).
      </p>
    </CodeToCopy>
  )
}
