import type { Metadata } from "next"
import { ParamsTable } from "@/app/_components/params-table"
import {
  NoUsernameConfigured,
  preselectedUsername,
  UsernameStart,
} from "@/app/flows/_components/username-start"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { previewAssertion } from "@/lib/flows/jwt-bearer"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ConfigProblems } from "@/app/_components/config-problems"
import { classifyLoginHost, HOST_KIND_LABELS } from "@/lib/salesforce/login-host"
import { JwtBearerCode } from "../_components/flow-code"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "JWT Bearer flow | Salesforce OAuth Lab" }

export default async function JwtBearerFlowPage({
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
      <h1 className="mb-2 text-2xl font-bold">JWT Bearer flow</h1>
      <p className="mb-2">
        Server to server, with no login page: the site signs a short-lived JWT with its private key
        (RS256) and trades it for an access token. Salesforce checks the signature against the
        certificate uploaded to the app, and requires prior approval: the user is pre-authorized by
        an admin (profile or permission set), or approved the app once with the{" "}
        <code>refresh_token</code> scope. No refresh token comes back.
      </p>
      <SequenceDiagram
        title="JWT Bearer flow"
        actors={["Browser", "This site", "Salesforce"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST, username from the allowed list)" },
          { from: 1, to: 1, label: "sign JWT (RS256, cached key)" },
          { from: 1, to: 2, label: "POST /token: grant_type=jwt-bearer, assertion" },
          { from: 2, to: 1, label: "access_token, instance_url, id" },
          { from: 1, to: 2, label: "GET identity URL" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      {!username ? (
        <NoUsernameConfigured />
      ) : (
        <AssertionPreview
          username={username}
          usernames={org.jwtUsernames}
          plan={previewAssertion(org, username)}
          hostKind={HOST_KIND_LABELS[kind]}
        />
      )}
      <JwtBearerCode org={org} username={username} audience={org.audience} />
    </section>
  )
}

function AssertionPreview({
  username,
  usernames,
  plan,
  hostKind,
}: {
  username: string
  usernames: string[]
  plan: ReturnType<typeof previewAssertion>
  hostKind: string
}) {
  const c = plan.claims
  return (
    <>
      <h2 className="mt-6 text-lg font-semibold">The assertion the site is about to sign</h2>
      <p className="text-sm text-slate-700">
        Nothing is signed until you press Start; the times below are recomputed then.
      </p>
      <ParamsTable
        caption="Header"
        rows={[
          {
            name: "alg",
            value: "RS256",
            why: "RSA SHA-256: the only algorithm Salesforce accepts here.",
          },
          { name: "typ", value: "JWT", why: "A JSON Web Token." },
        ]}
      />
      <ParamsTable
        caption="Claims"
        rows={[
          { name: "iss", value: c.iss, why: "The app's consumer key." },
          {
            name: "sub",
            value: c.sub,
            why: "The Salesforce username to act as (not the email address).",
          },
          {
            name: "aud",
            value: c.aud,
            why: `The authorization server, from the login host (${hostKind}); SALESFORCE_JWT_AUDIENCE overrides.`,
          },
          {
            name: "exp",
            value: `${c.exp} (${new Date(c.exp * 1000).toISOString()})`,
            why: "Within 3 minutes, in seconds since 1970.",
          },
          { name: "iat", value: String(c.iat), why: "When it was signed." },
          {
            name: "jti",
            value: "a new UUID for each request",
            why: "A unique id: a replayed assertion is refused.",
          },
        ]}
      />
      <UsernameStart action="/flows/jwt-bearer/start" username={username} usernames={usernames} />
    </>
  )
}
