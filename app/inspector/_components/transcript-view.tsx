import type { HttpExchange } from "@/lib/salesforce/http-exchange"
import { droppedNote } from "@/lib/transcript/cap"
import { curlPlaceholders, toCurl } from "@/lib/transcript/curl"
import type { TranscriptEntry } from "@/lib/transcript/types"
import { CopyButton } from "./copy-button"

const time = (at: number) => new Date(at).toISOString().slice(11, 23)

// Blocks that may scroll take focus (tabIndex 0), so the keyboard can scroll them too (WCAG 2.1.1).
function Headers({ h }: { h?: Record<string, string> }) {
  if (!h || !Object.keys(h).length) return <p className="text-sm text-slate-600">(no headers)</p>
  return (
    <pre tabIndex={0} className="overflow-x-auto rounded bg-slate-100 p-2 text-xs">
      {Object.entries(h)
        .map(([k, v]) => `${k}: ${v}`)
        .join("\n")}
    </pre>
  )
}

function Exchange({ e, n }: { e: HttpExchange; n: number }) {
  const curl = toCurl(e)
  const vars = curlPlaceholders(e)
  return (
    <details className="rounded border border-slate-300 bg-white p-2">
      <summary className="cursor-pointer">
        <span className="font-semibold">
          {n}. {e.step}
        </span>
        : <code>{e.method}</code> <code className="break-all">{e.url}</code> →{" "}
        <strong>{e.status ?? e.error}</strong> ({e.durationMs} ms, {time(e.startedAt)})
      </summary>
      <div className="mt-2 grid gap-2">
        <h3 className="font-semibold">Request headers</h3>
        <Headers h={e.requestHeaders} />
        {e.requestBody ? (
          <>
            <h3 className="font-semibold">Request body</h3>
            <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs break-all whitespace-pre-wrap">
              {e.requestBody}
            </pre>
          </>
        ) : null}
        <h3 className="font-semibold">Response headers</h3>
        <Headers h={e.responseHeaders} />
        <h3 className="font-semibold">Response body</h3>
        <pre
          tabIndex={0}
          className="max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs break-all whitespace-pre-wrap"
        >
          {e.responseBody || "(empty)"}
        </pre>
        <div className="flex items-center gap-3">
          <CopyButton text={curl} label="Copy as curl" />
          {vars.length ? (
            <span className="text-sm">Set first: {vars.map((v) => `$${v}`).join(", ")}</span>
          ) : null}
        </div>
        <pre
          role="region"
          tabIndex={0}
          className="overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
          aria-label={`curl command, step ${n}`}
        >
          {curl}
        </pre>
      </div>
    </details>
  )
}

/**
 * Every step of the flow and of each action, in order, exactly as recorded (redacted), after a note
 * when the transcript's cap dropped its oldest steps (C-79): the numbering then starts after them.
 */
export function TranscriptView({
  entries,
  dropped = 0,
}: {
  entries: TranscriptEntry[]
  dropped?: number
}) {
  const note = droppedNote(dropped)
  if (!entries.length && !note) return <p>No steps were recorded for this session.</p>
  return (
    <>
      {note ? (
        <p role="note" className="mb-2 rounded border border-amber-500 bg-amber-50 p-2 text-sm">
          {note}
        </p>
      ) : null}
      <ol className="space-y-2" start={dropped + 1}>
        {entries.map((en, i) => (
          <li key={i}>
            {en.kind === "exchange" ? (
              <Exchange e={en.exchange} n={dropped + i + 1} />
            ) : (
              <p className="rounded border border-dashed border-slate-400 p-2">
                <span className="font-semibold">
                  {dropped + i + 1}. {en.step}
                </span>{" "}
                ({time(en.at)})
                {en.kind === "redirect" ? (
                  <>
                    : <code className="break-all">{en.url}</code>
                  </>
                ) : (
                  <>: {en.text}</>
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
    </>
  )
}
