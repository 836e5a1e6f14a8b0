import { entryFor } from "@/lib/explain/catalogue"
import type { ApiCallFact } from "@/lib/transcript/facts"
import { errorEntryHref } from "@/lib/explain/entry-href"

const cell = (v: unknown) =>
  v === null || v === undefined ? "" : typeof v === "object" ? JSON.stringify(v) : String(v)

/** The last API call's answer: a table for a query, Salesforce's error explained, or the JSON. */
export function ApiResult({ call }: { call?: ApiCallFact }) {
  if (!call) return <p className="text-sm text-slate-700">No API call yet.</p>
  const body = call.body
  const heading = (
    <p className="text-sm">
      <strong>{call.label}</strong>:{" "}
      {call.status !== undefined ? `HTTP ${call.status}` : call.reason}
    </p>
  )
  if (Array.isArray(body) && body[0] && typeof body[0] === "object" && "errorCode" in body[0]) {
    const err = body[0] as { errorCode: string; message: string }
    // Any other REST error the catalogue knows (API_DISABLED_FOR_ORG, …) links its entry.
    const entry = entryFor({ error: err.errorCode, errorDescription: err.message })
    return (
      <div role="alert" className="rounded border border-red-700 bg-red-50 p-3">
        {heading}
        <p>
          <code>{err.errorCode}</code>: <code>{err.message}</code>
        </p>
        {err.errorCode === "INVALID_SESSION_ID" ? (
          <p className="mt-1 text-sm">
            The access token is no longer valid: it was revoked, expired, or never was. Refresh it
            (if you have a refresh token) or sign in again.{" "}
            <a className="text-blue-800 underline" href={errorEntryHref("invalid-session-id")}>
              About INVALID_SESSION_ID
            </a>
          </p>
        ) : entry ? (
          <p className="mt-1 text-sm">
            {entry.title}.{" "}
            <a className="text-blue-800 underline" href={errorEntryHref(entry.id)}>
              About {err.errorCode}
            </a>
          </p>
        ) : null}
      </div>
    )
  }
  const records =
    body && typeof body === "object" && "records" in body
      ? ((body as { records: Record<string, unknown>[] }).records ?? [])
      : undefined
  if (records) {
    const cols = [
      ...new Set(records.flatMap((r) => Object.keys(r).filter((k) => k !== "attributes"))),
    ]
    return (
      <div>
        {heading}
        <table className="w-full border-collapse text-left text-sm">
          <caption className="text-left">{records.length} record(s)</caption>
          <thead>
            <tr>
              {cols.map((c) => (
                <th scope="col" key={c} className="border-b border-slate-300 pr-3">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {records.map((r, i) => (
              <tr key={i}>
                {cols.map((c) => (
                  <td key={c} className="border-b border-slate-200 pr-3">
                    {cell(r[c])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )
  }
  return (
    <div>
      {heading}
      <pre tabIndex={0} className="max-h-80 overflow-auto rounded bg-slate-100 p-2 text-xs">
        {body !== undefined ? JSON.stringify(body, null, 2) : call.reason}
      </pre>
    </div>
  )
}
