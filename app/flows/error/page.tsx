import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { headers } from "next/headers"
import { StartButton } from "@/app/_components/start-button"
import { FLOW_LABELS } from "@/lib/auth/session-types"
import { explainFailure } from "@/lib/explain/flow-errors"
import { ERROR_COOKIE, ERROR_PURPOSE, type FlowFailure } from "@/lib/flows/shared/flow-error"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ConfigProblems } from "@/app/_components/config-problems"
import { unsealCookie } from "@/lib/auth/sealed-cookie"
import { isTranscriptId } from "@/lib/transcript/recorder"
import { readDropped, readTranscript } from "@/lib/transcript/store"
import { TranscriptView } from "@/app/inspector/_components/transcript-view"
import { errorEntryHref } from "@/lib/explain/entry-href"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Sign-in failed | Salesforce OAuth Lab" }

/**
 * Where every failed flow lands. The failure comes from a sealed cookie the site set, never from
 * the URL, and Salesforce's text is rendered as text (React escapes it), never as HTML.
 */
export default async function FlowErrorPage() {
  // The configuration first: without it no sealed cookie can be opened, and the page lists the
  // problems instead of answering 500 (docs/security.md, C-53).
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const failure = await unsealCookie<FlowFailure & { exp: number; [k: string]: unknown }>(
    (await headers()).get("cookie"),
    ERROR_COOKIE,
    ERROR_PURPOSE,
  )
  if (!failure) {
    return (
      <section>
        <h1 className="mb-2 text-2xl font-bold">No failed sign-in to show</h1>
        <p>
          This page explains a failed flow right after it happens.{" "}
          <PageLink className="text-blue-800 underline" href="/">
            Back to the flows
          </PageLink>
        </p>
      </section>
    )
  }
  const x = explainFailure(failure, org.embedded)
  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">Sign-in failed: {x.title}</h1>
      {failure.flow ? (
        <p className="mb-3 text-slate-700">During the {FLOW_LABELS[failure.flow]}.</p>
      ) : null}
      <div role="alert" className="mb-4 rounded border border-red-700 bg-red-50 p-4">
        {failure.error ? (
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3">
            <dt className="font-semibold">error</dt>
            <dd>
              <code>{failure.error}</code>
            </dd>
            <dt className="font-semibold">error_description</dt>
            <dd>
              <code>{failure.errorDescription || "(none)"}</code>
            </dd>
          </dl>
        ) : (
          <p>
            <code>{failure.code}</code>: {failure.message}
          </p>
        )}
      </div>
      <h2 className="text-lg font-semibold">Why</h2>
      <p className="mb-3">{x.cause}</p>
      <h2 className="text-lg font-semibold">How to fix it</h2>
      <ol className="mb-4 list-decimal pl-6">
        {x.fix.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      {x.entryId ? (
        <p className="mb-4">
          <PageLink className="text-blue-800 underline" href={errorEntryHref(x.entryId)}>
            More about this error: causes and fixes
          </PageLink>
        </p>
      ) : null}
      {x.approveOnce && failure.username ? (
        <StartButton
          action="/flows/web-server/start"
          label={`Approve once as ${failure.username} via the Web Server flow`}
        >
          <input type="hidden" name="login_hint" value={failure.username} />
          <input type="hidden" name="prompt" value="login" />
        </StartButton>
      ) : null}
      {isTranscriptId(failure.transcriptId) ? (
        <section aria-labelledby="transcript-h" className="mt-6">
          <h2 id="transcript-h" className="mb-2 text-lg font-semibold">
            What was sent and received
          </h2>
          <TranscriptView
            entries={readTranscript(failure.transcriptId)}
            dropped={readDropped(failure.transcriptId)}
          />
        </section>
      ) : null}
      <p className="mt-4">
        {failure.flow ? (
          <PageLink className="text-blue-800 underline" href={`/flows/${failure.flow}`}>
            Try the {FLOW_LABELS[failure.flow]} again
          </PageLink>
        ) : null}{" "}
        ·{" "}
        <PageLink className="text-blue-800 underline" href="/">
          All flows
        </PageLink>
      </p>
    </section>
  )
}
