import type { Metadata } from "next"
import { ConfigProblems } from "@/app/_components/config-problems"
import { ParamsTable } from "@/app/_components/params-table"
import {
  NoUsernameConfigured,
  preselectedUsername,
  UsernameStart,
} from "@/app/flows/_components/username-start"
import { RequestPreview } from "@/app/_components/request-preview"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { previewSamlAssertion } from "@/lib/flows/saml-bearer"
import { prettySamlXml } from "@/lib/inspector/saml-pretty"
import { orgOrProblems } from "@/lib/org/or-problems"
import { classifyLoginHost, HOST_KIND_LABELS } from "@/lib/salesforce/login-host"
import { SamlBearerCode } from "./saml-bearer-code"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "SAML Bearer flow | Salesforce OAuth Lab" }

export default async function SamlBearerFlowPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const username = preselectedUsername(org.jwtUsernames, (await searchParams).username)
  const kind = classifyLoginHost(org.loginUrl, { embedded: org.embedded })
  return (
    <section>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">SAML Bearer flow</h1>
      <p className="mb-2">
        Server to server, with no login page, like the JWT Bearer flow: the site builds a SAML 2.0
        assertion naming the user, signs it with its private key (enveloped XML signature,
        RSA-SHA256, exclusive canonicalization) and trades it for an access token. Salesforce checks
        the signature against the certificate uploaded to the app, then the issuer, audience,
        recipient and times, and requires prior approval: the user is pre-authorized by an admin, or
        approved the app once with the <code>refresh_token</code> scope. No refresh token comes
        back.
      </p>
      <SequenceDiagram
        title="SAML Bearer flow"
        actors={["Browser", "This site", "Salesforce"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST, username from the allowed list)" },
          { from: 1, to: 1, label: "build and sign the SAML assertion (XML-DSig)" },
          { from: 1, to: 2, label: "POST /token: grant_type=saml2-bearer, assertion" },
          { from: 2, to: 1, label: "access_token, instance_url, id" },
          { from: 1, to: 2, label: "GET identity URL" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      {!username ? (
        <NoUsernameConfigured />
      ) : (
        <SamlPreview
          username={username}
          usernames={org.jwtUsernames}
          preview={previewSamlAssertion(org, username)}
          loginUrl={org.loginUrl}
          hostKind={HOST_KIND_LABELS[kind]}
        />
      )}
      <SamlBearerCode org={org} username={username} audience={org.audience} />
    </section>
  )
}

function SamlPreview({
  username,
  usernames,
  preview,
  loginUrl,
  hostKind,
}: {
  username: string
  usernames: string[]
  preview: ReturnType<typeof previewSamlAssertion>
  loginUrl: string
  hostKind: string
}) {
  const p = preview.plan
  return (
    <>
      <h2 className="mt-6 text-lg font-semibold">The assertion the site is about to sign</h2>
      <p className="text-sm text-slate-700">
        Nothing is signed until you press Start; the ID and times below are made anew then.
      </p>
      <ParamsTable
        caption="What Salesforce checks"
        rows={[
          { name: "Issuer", value: p.issuer, why: "The app's consumer key." },
          {
            name: "NameID",
            value: p.nameId,
            why: "The Salesforce username to act as (not the email address).",
          },
          {
            name: "Audience",
            value: p.audience,
            why: `The login server, from the login host (${hostKind}); SALESFORCE_JWT_AUDIENCE overrides.`,
          },
          {
            name: "Recipient",
            value: p.recipient,
            why: "The token endpoint, in the bearer SubjectConfirmationData.",
          },
          {
            name: "NotOnOrAfter",
            value: p.notOnOrAfter,
            why: "3 minutes from now; Salesforce allows 3 minutes of clock skew.",
          },
          {
            name: "ID",
            value: "a new random ID for each request",
            why: "Signed by reference (#ID); a replayed assertion is refused.",
          },
        ]}
      />
      <figure className="my-3">
        <figcaption className="mb-1 font-semibold">
          The assertion, before its signature (the Signature goes after the Issuer)
        </figcaption>
        <pre
          tabIndex={0}
          aria-label="The SAML assertion, as XML"
          className="overflow-x-auto rounded border border-slate-300 bg-slate-50 p-3 text-xs"
        >
          {prettySamlXml(preview.xml)}
        </pre>
      </figure>
      <RequestPreview
        title="The token request"
        preview={{
          method: "POST",
          url: `${loginUrl}/services/oauth2/token`,
          headers: [["Content-Type", "application/x-www-form-urlencoded"]],
          body: "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Asaml2-bearer&assertion=<the signed assertion, base64url>",
        }}
      />
      <UsernameStart action="/flows/saml-bearer/start" username={username} usernames={usernames} />
    </>
  )
}
