import type { Answer } from "@/lib/transcript/facts"

const SHOWN = [
  "username",
  "display_name",
  "preferred_username",
  "name",
  "email",
  "user_id",
  "organization_id",
  "user_type",
  "active",
  "language",
  "locale",
  "timezone",
  "zoneinfo",
  "is_app_installed",
]

/** A readable view of an identity URL or userinfo answer, as the sign-in kept it. */
export function IdentityView({
  title,
  answer,
}: {
  title: string
  answer?: Answer<Record<string, unknown>>
}) {
  const body = answer?.ok ? answer.value : undefined
  return (
    <div className="rounded border border-slate-300 bg-white p-3">
      <h3 className="font-semibold">{title}</h3>
      {!body ? (
        <p className="text-sm">
          {answer && !answer.ok
            ? `Not available (${answer.status !== undefined ? `HTTP ${answer.status}` : answer.reason}).`
            : "Not fetched in this session."}
        </p>
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
