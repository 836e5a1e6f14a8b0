import type { Metadata } from "next"
import Link from "next/link"
import { SignOutButton } from "@/app/_components/signed-in"
import { currentSession } from "@/lib/auth/current-session"
import { FLOW_LABELS, type CheckResult } from "@/lib/auth/session-types"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Token inspector | Salesforce OAuth Lab" }

const BADGE: Record<CheckResult["status"], string> = { pass: "bg-green-100 text-green-900 border-green-700", fail: "bg-red-100 text-red-900 border-red-700", absent: "bg-slate-100 text-slate-800 border-slate-500" }

function Check({ name, result }: { name: string; result?: CheckResult }) {
  if (!result) return null
  return (
    <li className="flex items-start gap-2">
      <span className={`rounded border px-2 text-sm font-semibold ${BADGE[result.status]}`}>{result.status === "absent" ? "not present" : result.status}</span>
      <span>
        <strong>{name}</strong>
        {result.detail ? `: ${result.detail}` : ""}
      </span>
    </li>
  )
}

/** What came back from the flow, server-rendered from the session; no token is ever in this HTML. */
export default async function InspectorPage() {
  const s = await currentSession()
  if (!s) {
    return (
      <section>
        <h1 className="mb-2 text-2xl font-bold">Token inspector</h1>
        <p>
          Nobody is signed in. <Link className="text-blue-800 underline" href="/">Run a flow</Link> to see what Salesforce returns.
        </p>
      </section>
    )
  }
  const rows: [string, React.ReactNode][] = [
    ["Display name", s.user.displayName],
    ["Username", <code key="u">{s.user.username}</code>],
    ["Org ID", <code key="o">{s.user.orgId}</code>],
    ["User ID", <code key="i">{s.user.userId}</code>],
    ["Flow", FLOW_LABELS[s.flow]],
    ["Login URL", <code key="l">{s.loginUrl}</code>],
    ["instance_url", <code key="n">{s.tokens.instanceUrl}</code>],
    ["Issued", s.tokens.issuedAt ? new Date(s.tokens.issuedAt).toISOString() : "no issued_at (JWT Bearer responses carry none)"],
  ]
  return (
    <section>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Token inspector</h1>
        <SignOutButton />
      </div>
      <h2 className="text-lg font-semibold">Summary</h2>
      <dl className="mb-4 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-semibold">{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <h2 className="text-lg font-semibold">Granted scopes</h2>
      <ul className="mb-4 flex flex-wrap gap-2">
        {s.tokens.scopes.map((sc) => (
          <li key={sc} className="rounded-full border border-blue-800 px-3 text-sm">
            {sc}
          </li>
        ))}
      </ul>
      <h2 className="text-lg font-semibold">Verifications</h2>
      <ul className="mb-4 space-y-1">
        <Check name="signature" result={s.checks.signature} />
        <Check name="id_token" result={s.checks.idToken} />
        <Check name="introspection" result={s.checks.introspection} />
      </ul>
      <h2 className="text-lg font-semibold">Token response fields</h2>
      <ul className="list-disc pl-6 text-sm">
        <li>access_token: present (kept server-side, never sent to this page)</li>
        <li>refresh_token: {s.tokens.refreshToken ? "present (kept server-side)" : "not issued"}</li>
        <li>id_token: {s.tokens.idToken ? "present" : "not issued"}</li>
        <li>token_type: {s.tokens.tokenType}</li>
      </ul>
    </section>
  )
}
