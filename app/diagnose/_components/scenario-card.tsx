import { PageLink } from "@/app/_components/page-link"
import { FLOW_LABELS } from "@/lib/auth/session-types"
import type { Scenario } from "@/lib/diagnose/scenarios"
import { errorEntryHref } from "@/lib/explain/entry-href"

export interface ScenarioStatus {
  action: "break" | "fix"
  ok: boolean
  message: string
}

function ActionButton({ s, action }: { s: Scenario; action: "break" | "fix" }) {
  return (
    <form method="post" action="/diagnose/scenario">
      <input type="hidden" name="scenario" value={s.id} />
      <input type="hidden" name="action" value={action} />
      <button
        type="submit"
        className={`rounded px-3 py-1 font-semibold text-white ${action === "break" ? "bg-red-800" : "bg-green-800"}`}
      >
        {action === "break" ? "Break it" : "Fix it"}
        <span className="sr-only">: {s.title}</span>
      </button>
    </form>
  )
}

/** One scenario: what breaks, the error to expect, the fix in Setup terms, and the two buttons. */
export function ScenarioCard({
  s,
  status,
  embedded,
}: {
  s: Scenario
  status?: ScenarioStatus
  embedded: boolean
}) {
  return (
    <li id={`scenario-${s.id}`} className="mb-4 rounded border border-slate-300 bg-white p-4">
      <h3 className="mb-1 font-semibold">{s.title}</h3>
      <dl className="mb-2 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="font-semibold">Breaks</dt>
        <dd>{s.breaks}</dd>
        <dt className="font-semibold">Run</dt>
        <dd>
          <PageLink className="text-blue-800 underline" href={s.flowPath}>
            The {FLOW_LABELS[s.flow]}
          </PageLink>
          : {s.run}
        </dd>
        <dt className="font-semibold">You will see</dt>
        <dd>
          {s.orgPage ? "On Salesforce's own OAuth Error page: " : null}
          <code>{s.error}</code> / <code>{s.errorDescription}</code>
        </dd>
        <dt className="font-semibold">Fix</dt>
        <dd>{s.fix}</dd>
        <dt className="font-semibold">Explained</dt>
        <dd>
          <PageLink className="text-blue-800 underline" href={errorEntryHref(s.entryId)}>
            {errorEntryHref(s.entryId)}
          </PageLink>
        </dd>
      </dl>
      {embedded ? (
        <div className="flex flex-wrap gap-3">
          <ActionButton s={s} action="break" />
          <ActionButton s={s} action="fix" />
        </div>
      ) : null}
      {status ? (
        <p role="status" className={status.ok ? "mt-2 text-green-900" : "mt-2 text-red-800"}>
          {status.message}
        </p>
      ) : null}
    </li>
  )
}
