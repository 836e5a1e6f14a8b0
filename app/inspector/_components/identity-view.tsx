import type { HttpExchange } from "@/lib/salesforce/http-exchange"

const SHOWN = ["username", "display_name", "preferred_username", "name", "email", "user_id", "organization_id", "user_type", "active", "language", "locale", "timezone", "zoneinfo", "is_app_installed"]

/** A readable view of an identity URL or userinfo answer, taken from the transcript. */
export function IdentityView({ title, e }: { title: string; e?: HttpExchange }) {
  let body: Record<string, unknown> | undefined
  try {
    body = e?.status === 200 && e.responseBody ? (JSON.parse(e.responseBody) as Record<string, unknown>) : undefined
  } catch {
    body = undefined
  }
  return (
    <div className="rounded border border-slate-300 bg-white p-3">
      <h3 className="font-semibold">{title}</h3>
      {!body ? (
        <p className="text-sm">{e ? `Not available (HTTP ${e.status ?? e.error}).` : "Not fetched in this session."}</p>
      ) : (
        <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
          {SHOWN.filter((k) => k in body).map((k) => (
            <div key={k} className="contents">
              <dt>
                <code>{k}</code>
              </dt>
              <dd>{String(body[k])}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  )
}
