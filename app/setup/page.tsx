import type { Metadata } from "next"
import { headers } from "next/headers"
import { PageLink } from "@/app/_components/page-link"
import { CopyButton } from "@/app/inspector/_components/copy-button"
import { orgOrProblems } from "@/lib/org/or-problems"
import { unsealCookie } from "@/lib/auth/sealed-cookie"
import { classifyLoginHost, HOST_KIND_LABELS } from "@/lib/salesforce/login-host"
import { CHECK_COOKIE, CHECK_PURPOSE } from "@/lib/setup/check-request"
import type { SetupCheck } from "@/lib/setup/setup-check"
import { configStatus } from "@/lib/setup/config-status"
import { configuredCertificate } from "@/lib/setup/eca/download"
import { EcaMetadataSetup } from "./eca-metadata"
import { EcaMigration } from "./eca-migration"
import { SetupInstructions } from "./instructions"
import { SamlBearerSetup } from "./saml-bearer-setup"
import { ServerFlowsSetup } from "./server-flows"
import { AssetTokenSetup } from "./asset-token-setup"
import { TokenExchangeSetup } from "./token-exchange-setup"
import { errorEntryHref } from "@/lib/explain/entry-href"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Setup assistant | Salesforce OAuth Lab" }

const STATE_STYLE = {
  set: "text-green-900",
  generated: "text-green-900",
  unset: "text-slate-700",
  missing: "text-red-800 font-semibold",
  invalid: "text-red-800 font-semibold",
}
const CHECK_STYLE = {
  pass: "bg-green-100 text-green-900 border-green-700",
  fail: "bg-red-100 text-red-900 border-red-700",
  skip: "bg-slate-100 text-slate-800 border-slate-500",
}

/** The setup assistant: what is configured, what to register in the org, and live checks with fixes. */
export default async function SetupPage() {
  const status = configStatus()
  const { org } = await orgOrProblems()
  // Every misconfigured route sends the browser here (C-53): without a configuration no sealed
  // cookie can be opened, and there are no check results to show anyway (the check is gated too).
  const result = org
    ? await unsealCookie<{
        checks: SetupCheck[]
        clientId: string | null
        at: number
        [k: string]: unknown
      }>((await headers()).get("cookie"), CHECK_COOKIE, CHECK_PURPOSE)
    : undefined
  const certificate = org ? await configuredCertificate(org).catch(() => undefined) : undefined
  const kind = org ? classifyLoginHost(org.loginUrl, { embedded: org.embedded }) : undefined
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Setup assistant</h1>
      <p className="mb-4 text-slate-700">
        From a Salesforce org to a working JWT Bearer login: configure, register, check.
      </p>

      <section aria-labelledby="config-h" className="mb-6">
        <h2 id="config-h" className="mb-2 text-lg font-semibold">
          Configuration
        </h2>
        <p className="mb-2">
          {org
            ? org.embedded
              ? "Mode: the embedded org (SALESFORCE_LOGIN_URL is unset)."
              : `Mode: a real org at ${org.loginUrl}.`
            : "The configuration has problems (below)."}
          {org && kind ? ` Login host: ${HOST_KIND_LABELS[kind]}; JWT aud: ${org.audience}.` : ""}
        </p>
        <table className="w-full border-collapse text-left text-sm">
          <thead>
            <tr className="border-b border-slate-300">
              <th scope="col" className="py-1 pr-3">
                Variable
              </th>
              <th scope="col" className="py-1 pr-3">
                State
              </th>
              <th scope="col" className="py-1">
                Meaning
              </th>
            </tr>
          </thead>
          <tbody>
            {status.variables.map((v) => (
              <tr key={v.name} className="border-b border-slate-200 align-top">
                <td className="py-1 pr-3">
                  <code>{v.name}</code>
                </td>
                <td className={`py-1 pr-3 ${STATE_STYLE[v.state]}`}>{v.state}</td>
                <td className="py-1">{v.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {org ? (
        <section aria-labelledby="callbacks-h" className="mb-6">
          <h2 id="callbacks-h" className="mb-2 text-lg font-semibold">
            Callback URLs to register
          </h2>
          <ul className="space-y-1">
            {[org.callbacks.webServer, org.callbacks.userAgent].map((u) => (
              <li key={u} className="flex flex-wrap items-center gap-2">
                <code>{u}</code> <CopyButton text={u} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="app-h" className="mb-6">
        <h2 id="app-h" className="mb-2 text-lg font-semibold">
          Set up the app in your org
        </h2>
        <SetupInstructions
          callbacks={org ? [org.callbacks.webServer, org.callbacks.userAgent] : []}
        />
      </section>

      <ServerFlowsSetup loginUrl={org?.loginUrl} embedded={!!org?.embedded} />
      <SamlBearerSetup embedded={!!org?.embedded} />

      <EcaMetadataSetup hasCertificate={!!certificate} embedded={!!org?.embedded} />

      <EcaMigration />
      <AssetTokenSetup embedded={!!org?.embedded} />
      <TokenExchangeSetup idp={org?.config.externalIdp} />

      <section id="check" aria-labelledby="check-h" className="mb-6">
        <h2 id="check-h" className="mb-2 text-lg font-semibold">
          Check my setup
        </h2>
        <p className="mb-2 text-sm">
          Safe live checks against {org?.embedded ? "the embedded org" : "the configured org"}: the
          discovery document, the consumer key, and one JWT Bearer login (its token is revoked at
          once).
        </p>
        <form method="post" action="/setup/check" className="flex flex-wrap items-end gap-2">
          <label htmlFor="client_id" className="font-semibold">
            Consumer key to check
          </label>
          <input
            id="client_id"
            name="client_id"
            placeholder="the configured consumer key"
            className="min-w-[16rem] flex-1 rounded border border-slate-500 px-2 py-1 font-mono text-sm"
          />
          <button
            type="submit"
            className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white"
            disabled={!org}
          >
            Check my setup
          </button>
        </form>
        {result ? (
          <ul className="mt-3 space-y-2" aria-label="Check results">
            {result.checks.map((c) => (
              <li key={c.name} className="flex items-start gap-2">
                <span
                  className={`rounded border px-2 text-sm font-semibold ${CHECK_STYLE[c.status]}`}
                >
                  {c.status}
                </span>
                <span>
                  <strong>{c.name}</strong>: {c.detail}
                  {c.fix ? <span className="block text-sm">Fix: {c.fix}</span> : null}
                  {c.entryId ? (
                    <PageLink
                      className="text-sm text-blue-800 underline"
                      href={errorEntryHref(c.entryId)}
                    >
                      About this error
                    </PageLink>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
      <p>
        <PageLink className="text-blue-800 underline" href="/setup/keys">
          Make or check a key and certificate
        </PageLink>{" "}
        ·{" "}
        <PageLink className="text-blue-800 underline" href="/errors">
          Every error explained
        </PageLink>
      </p>
    </div>
  )
}
