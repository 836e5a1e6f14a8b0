import type { Metadata } from "next"
import { maskKey } from "@/app/_components/mask"
import { ConfigProblems } from "@/app/_components/config-problems"
import { RequestPreview } from "@/app/_components/request-preview"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import { embeddedLoginHost, previewClientCredentials } from "@/lib/flows/client-credentials"
import { ClientCredentialsCode } from "../_components/server-flow-code"
import { orgOrProblems } from "@/lib/org/or-problems"
import { isMyDomainLoginUrl, MY_DOMAIN_ADVICE } from "@/lib/salesforce/my-domain"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Client Credentials flow | Salesforce OAuth Lab" }

const VIA_LABELS = {
  body: "In the body (client_secret_post)",
  basic: "HTTP Basic header (client_secret_basic)",
} as const

export default async function ClientCredentialsFlowPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const via = (await searchParams).via === "basic" ? "basic" : "body"
  const shown = maskKey(org.clientId)
  const myDomain = isMyDomainLoginUrl(org.loginUrl, { embedded: org.embedded })
  const loginHost = embeddedLoginHost(org)
  return (
    <section>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">Client Credentials flow</h1>
      <p className="mb-2">
        Server to server, with no user and no login page: the site proves it is the app with its
        consumer key and secret, and Salesforce issues an access token for the app&apos;s{" "}
        <strong>Run-As user</strong>, the integration user an admin chose in the app&apos;s
        policies. No refresh token and no <code>id_token</code> come back: ask for a new token when
        this one expires. It works only at the org&apos;s <strong>My Domain</strong>.
      </p>
      <p className="mb-4 text-sm text-slate-700">
        Salesforce&apos;s recommended replacement for the username-password flow. The org needs:
        &quot;Enable Client Credentials Flow&quot; ticked on the app, and a Run-As user that is
        active with API access (ideally an API Only integration user)
        {org.embedded
          ? ". In the embedded org both are on its settings page (log in as admin@example.com); the flow is off until you set them."
          : "."}
      </p>
      {!myDomain ? (
        <p role="alert" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">
          {org.loginUrl} is not a My Domain. {MY_DOMAIN_ADVICE}
        </p>
      ) : null}
      <SequenceDiagram
        title="Client Credentials flow"
        actors={["Browser", "This site", "Salesforce (My Domain)"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST, how the secret travels)" },
          { from: 1, to: 2, label: "POST /token: client_credentials + key and secret" },
          { from: 2, to: 1, label: "access_token for the Run-As user (no refresh)" },
          { from: 1, to: 2, label: "GET identity URL: who is the Run-As user?" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      <h2 className="mt-6 text-lg font-semibold">The request, two ways to send the secret</h2>
      <p className="text-sm text-slate-700">
        Both carry the same consumer key and secret to the same URL. In the body they are two form
        fields; with HTTP Basic they travel together in the Authorization header and the body holds
        only the grant type. Nothing is sent until you press Start.
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <RequestPreview
          title={VIA_LABELS.body}
          preview={previewClientCredentials(org, "body", shown)}
        />
        <RequestPreview
          title={VIA_LABELS.basic}
          preview={previewClientCredentials(org, "basic", shown)}
        />
      </div>
      <StartButton action="/flows/client-credentials/start">
        <fieldset className="mb-2">
          <legend className="mb-1 font-semibold">How the secret travels</legend>
          {(["body", "basic"] as const).map((v) => (
            <label key={v} className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name="via" value={v} defaultChecked={via === v} />
              {VIA_LABELS[v]}
            </label>
          ))}
        </fieldset>
        {loginHost ? (
          <fieldset className="mb-2">
            <legend className="mb-1 font-semibold">Where the request goes</legend>
            <label className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name="at" value="my-domain" defaultChecked />
              My Domain ({org.loginUrl})
            </label>
            <label className="mr-4 inline-flex items-center gap-1">
              <input type="radio" name="at" value="login-host" />
              The generic login host ({loginHost}), to see Salesforce refuse
            </label>
          </fieldset>
        ) : null}
        <button
          type="submit"
          formMethod="get"
          formAction="/flows/client-credentials"
          className="mr-3 rounded border border-blue-800 px-4 py-1.5 text-blue-800"
        >
          Show the code for this choice
        </button>
      </StartButton>
      <ClientCredentialsCode org={org} via={via} />
    </section>
  )
}
