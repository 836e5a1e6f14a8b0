import { DEVICE_FETCH_SNIPPET, DEVICE_JSFORCE_SNIPPET } from "@/lib/flows/device-snippets"
import { assetTokenSnippets } from "@/lib/flows/snippets/asset-token"
import { clientCredentialsSnippets } from "@/lib/flows/snippets/client-credentials"
import { usernamePasswordSnippets } from "@/lib/flows/snippets/username-password"
import type { ClientSecretVia } from "@/lib/salesforce/client"
import { CodeToCopy } from "./code-to-copy"
import { appKeysEnv, clientIdEnv, loginUrlEnv, type OrgFacts } from "./snippet-env"

// The programs of the flows with no browser redirect (Client Credentials, Username-Password,
// Device, Asset Token), and what to set for them: names and where to find values, never secrets.

export function ClientCredentialsCode({ org, via }: { org: OrgFacts; via: ClientSecretVia }) {
  return (
    <CodeToCopy
      file="client-credentials.mjs"
      env={[
        loginUrlEnv(org, " (your My Domain: the generic login host refuses this flow)"),
        ...appKeysEnv(org),
      ]}
      samples={clientCredentialsSnippets(org.loginUrl, via)}
    >
      <p className="text-sm text-slate-700">
        The fetch program sends the secret {via === "basic" ? "as HTTP Basic" : "in the body"}, as
        chosen above; jsforce always sends it in the body.
      </p>
    </CodeToCopy>
  )
}

export function UsernamePasswordCode({ org }: { org: OrgFacts }) {
  return (
    <CodeToCopy
      file="username-password.mjs"
      env={[
        loginUrlEnv(org),
        ...appKeysEnv(org),
        { name: "SF_USERNAME", value: "the user's username" },
        {
          name: "SF_PASSWORD",
          value: "the user's password, with the security token appended outside trusted IP ranges",
        },
      ]}
      samples={usernamePasswordSnippets(org.loginUrl)}
    >
      <p className="text-sm text-slate-700">
        The password comes from the environment, never the code. Use it only to test a migration.
      </p>
    </CodeToCopy>
  )
}

export function DeviceCode({ org }: { org: OrgFacts }) {
  return (
    <CodeToCopy
      file="device.mjs"
      env={[loginUrlEnv(org), clientIdEnv(org)]}
      samples={[
        { id: "fetch", code: DEVICE_FETCH_SNIPPET },
        { id: "jsforce", code: DEVICE_JSFORCE_SNIPPET },
      ]}
    >
      <p className="text-sm text-slate-700">
        Run it, open the verification page it prints, log in, enter the code and allow access.
      </p>
    </CodeToCopy>
  )
}

export function AssetTokenCode({ org }: { org: OrgFacts }) {
  return (
    <CodeToCopy
      file="asset-token.mjs"
      env={[
        loginUrlEnv(org),
        {
          name: "SF_ACCESS_TOKEN",
          value:
            "a Salesforce access token from any flow (the inspector's Reveal shows the session's)",
        },
        {
          name: "SF_DEVICE_KEY_FILE",
          value: "optional: the device's RSA private key (PEM), to sign the actor token",
        },
        { name: "SF_DEVICE_ID", value: "optional: the device's id (did)" },
      ]}
      samples={assetTokenSnippets(org.loginUrl)}
    >
      <p className="text-sm text-slate-700">
        jsforce has no call for this grant. The program then verifies the asset token with the
        org&apos;s keys, as a device backend would.
      </p>
    </CodeToCopy>
  )
}
