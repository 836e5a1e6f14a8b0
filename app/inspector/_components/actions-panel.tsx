import type { LabSession } from "@/lib/auth/session-types"
import { DEFAULT_SOQL } from "@/lib/inspector/actions"

const btn = "rounded border border-blue-800 px-3 py-1 text-blue-800 hover:bg-blue-50"

function Action({
  action,
  label,
  disabled,
}: {
  action: string
  label: string
  disabled?: boolean
}) {
  return (
    <form method="post" action="/inspector/actions">
      <input type="hidden" name="action" value={action} />
      <button type="submit" className={btn} disabled={disabled}>
        {label}
      </button>
    </form>
  )
}

/** Refresh, Introspect, Revoke: plain same-origin form posts; each adds its exchange to the transcript. */
export function TokenActions({ s }: { s: LabSession }) {
  return (
    <div>
      <div className="flex flex-wrap gap-2">
        <Action action="refresh" label="Refresh" disabled={!s.tokens.refreshToken} />
        <Action action="introspect" label="Introspect" />
        <Action action="revoke-access" label="Revoke access token" />
        <Action
          action="revoke-refresh"
          label="Revoke refresh token"
          disabled={!s.tokens.refreshToken}
        />
        {s.rotation?.retired ? (
          <Action action="replay-old-refresh" label="Replay the old refresh token" />
        ) : null}
      </div>
      {!s.tokens.refreshToken ? (
        <p className="mt-1 text-sm text-slate-700">
          No refresh token in this session: Refresh needs one (the Web Server flow with
          refresh_token issues it).
        </p>
      ) : null}
      {s.rotation ? (
        <p className="mt-2 text-sm">
          Refresh token rotated at {new Date(s.rotation.at).toISOString()}: old{" "}
          <code>{s.rotation.old}</code> → new <code>{s.rotation.new}</code>. They differ because the
          org rotates refresh tokens: each refresh returns a new one and retires the one it used, so
          a stolen copy is good for one use at most. Presenting the retired one again is treated as
          theft: the org revokes the whole family, the new token included (try *Replay the old
          refresh token*).
        </p>
      ) : null}
      {s.revoked ? (
        <p role="status" className="mt-2 rounded border border-amber-700 bg-amber-50 p-2 text-sm">
          {s.revoked.byReuse ? "Reuse detection revoked" : "You revoked"} the{" "}
          {s.revoked.kind === "access_token"
            ? "access token"
            : "refresh token (and its access tokens)"}{" "}
          at {new Date(s.revoked.at).toISOString()}: API calls now fail with{" "}
          <code>INVALID_SESSION_ID</code>.
        </p>
      ) : null}
    </div>
  )
}

/** Call the API with the session's access token: versions, limits, and a SOQL query. */
export function ApiActions() {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <Action action="api-versions" label="Versions" />
      <Action action="api-limits" label="Limits" />
      <form
        method="post"
        action="/inspector/actions"
        className="flex flex-1 flex-wrap items-end gap-2"
      >
        <input type="hidden" name="action" value="api-query" />
        <label htmlFor="soql" className="font-semibold">
          SOQL
        </label>
        <input
          id="soql"
          name="q"
          defaultValue={DEFAULT_SOQL}
          className="min-w-[18rem] flex-1 rounded border border-slate-500 px-2 py-1 font-mono text-sm"
        />
        <button type="submit" className={btn}>
          Run query
        </button>
      </form>
    </div>
  )
}
