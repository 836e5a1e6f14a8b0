import { decodeJwt, TIME_CLAIMS } from "@/lib/inspector/jwt-parts"

const date = (v: unknown) => (typeof v === "number" ? new Date(v * 1000).toISOString() : undefined)

/**
 * A JWT's three parts in colour, and its header and payload as JSON with time claims as dates. The
 * signature part is cut short: header and payload are not secret, but a whole token would be.
 */
export function JwtView({ title, token, note }: { title: string; token?: string; note?: string }) {
  const jwt = decodeJwt(token)
  if (!jwt) return null
  const [h, p, s] = jwt.parts
  const times = TIME_CLAIMS.filter((k) => k in jwt.payload).map(
    (k) => [k, date(jwt.payload[k])] as const,
  )
  return (
    <div className="mb-4 rounded border border-slate-300 bg-white p-3">
      <h3 className="font-semibold">{title}</h3>
      {note ? <p className="text-sm text-slate-700">{note}</p> : null}
      <p className="my-2 font-mono text-sm break-all">
        <span className="text-rose-700">{h}</span>.<span className="text-violet-800">{p}</span>.
        <span className="text-sky-800">{`${s.slice(0, 6)}…(signature hidden)`}</span>
      </p>
      {/* Named, focusable regions, so the keyboard can scroll a long payload (WCAG 2.1.1). */}
      <div className="grid gap-2 md:grid-cols-2">
        <pre
          role="region"
          tabIndex={0}
          className="overflow-x-auto rounded bg-rose-50 p-2 text-sm"
          aria-label={`${title} header`}
        >
          {JSON.stringify(jwt.header, null, 2)}
        </pre>
        <pre
          role="region"
          tabIndex={0}
          className="overflow-x-auto rounded bg-violet-50 p-2 text-sm"
          aria-label={`${title} payload`}
        >
          {JSON.stringify(jwt.payload, null, 2)}
        </pre>
      </div>
      {times.length ? (
        <ul className="mt-2 text-sm">
          {times.map(([k, v]) => (
            <li key={k}>
              <code>{k}</code>: {v}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
