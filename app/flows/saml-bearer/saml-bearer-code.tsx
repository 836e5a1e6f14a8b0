import {
  SAML_BEARER_FETCH_SNIPPET,
  SAML_BEARER_JSFORCE_SNIPPET,
} from "@/lib/flows/saml-bearer-snippets"
import { CodeToCopy } from "../_components/code-to-copy"
import { bearerEnv, type OrgFacts } from "../_components/snippet-env"

/** The SAML Bearer page's programs and what to set for them (no secrets). */
export function SamlBearerCode({
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
      file="saml-bearer.mjs"
      env={bearerEnv(org, {
        username,
        audience,
        realOrgKey: "the private key of the certificate uploaded to the app (PEM)",
      })}
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
