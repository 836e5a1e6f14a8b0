import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { maskKey } from "@/app/_components/mask"
import { ConfigProblems } from "@/app/_components/config-problems"
import { RequestPreview } from "@/app/_components/request-preview"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import { USERNAME_PASSWORD_MIGRATION } from "@/lib/explain/catalogue-server-flows"
import { UsernamePasswordCode } from "../_components/server-flow-code"
import { previewUsernamePassword } from "@/lib/flows/username-password"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = {
  title: "Username-Password flow (legacy) | Salesforce OAuth Lab",
}

const FIELD = "mb-2 block w-full max-w-sm rounded border border-slate-500 px-2 py-1"

export default async function UsernamePasswordFlowPage() {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  return (
    <section>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">Username-Password flow (legacy)</h1>
      <div role="note" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">
        <p className="mb-1 font-semibold">Legacy: do not build on it.</p>
        <p>
          The app posts a user&apos;s password to Salesforce. Orgs created since Summer &apos;23
          block this flow by default, External Client Apps do not support it, and Salesforce is
          deprecating it. While it is blocked, Salesforce answers <code>invalid_grant</code> /{" "}
          <code>authentication failure</code>, the same words as for a wrong password.
          {org.embedded
            ? " The embedded org blocks it too, until an admin ticks \u201cAllow OAuth Username-Password Flows\u201d on its settings page."
            : ""}
        </p>
      </div>
      <h2 className="text-lg font-semibold">Use this instead</h2>
      <p className="mb-2">
        For an integration with no user present, the{" "}
        <PageLink className="text-blue-800 underline" href="/flows/client-credentials">
          Client Credentials flow
        </PageLink>{" "}
        (or the{" "}
        <PageLink className="text-blue-800 underline" href="/flows/jwt-bearer">
          JWT Bearer flow
        </PageLink>{" "}
        when a named user must be pre-authorized); for a person signing in, the{" "}
        <PageLink className="text-blue-800 underline" href="/flows/web-server">
          Web Server flow
        </PageLink>{" "}
        with PKCE. To migrate:
      </p>
      <ol className="mb-4 list-decimal pl-6">
        {USERNAME_PASSWORD_MIGRATION.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <SequenceDiagram
        title="Username-Password flow"
        actors={["Browser", "This site", "Salesforce"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST: username and password)" },
          { from: 1, to: 2, label: "POST /token: grant_type=password, secret, password" },
          { from: 2, to: 1, label: "access_token, signature (no refresh)" },
          { from: 1, to: 2, label: "GET identity URL" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      <RequestPreview
        title="The token request"
        preview={previewUsernamePassword(org, maskKey(org.clientId))}
      />
      <p className="text-sm text-slate-700">
        The password goes into this one request and nowhere else: it is not stored, not put in the
        session, and the transcript shows <code>[REDACTED password]</code> in its place.
        {org.embedded
          ? " Demo users: demo@example.com / demo1234, admin@example.com / admin1234."
          : ""}
      </p>
      <StartButton action="/flows/username-password/start">
        <label htmlFor="username" className="mb-1 block font-semibold">
          Username
        </label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="off"
          spellCheck={false}
          required
          maxLength={256}
          className={FIELD}
        />
        <label htmlFor="password" className="mb-1 block font-semibold">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="off"
          required
          maxLength={1024}
          className={FIELD}
        />
      </StartButton>
      <UsernamePasswordCode org={org} />
    </section>
  )
}
