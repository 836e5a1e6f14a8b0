import type { LabSession } from "@/lib/auth/session-types"
import { SecretField } from "./secret-field"

const mask = (v: string, keep: number) => `${v.slice(0, keep)}${"•".repeat(12)}`

/** Every field of the token response; secrets masked, revealed only on request. */
export function TokenResponse({ s }: { s: LabSession }) {
  const t = s.tokens
  const rows: [string, React.ReactNode][] = [
    ["access_token", <SecretField key="a" field="access_token" masked={mask(t.accessToken, 18)} />],
    [
      "refresh_token",
      t.refreshToken ? (
        <SecretField key="r" field="refresh_token" masked={mask(t.refreshToken, 6)} />
      ) : (
        "not issued"
      ),
    ],
    [
      "signature",
      t.signature ? (
        <SecretField key="s" field="signature" masked={mask(t.signature, 4)} />
      ) : (
        "not sent (JWT Bearer responses carry none)"
      ),
    ],
    ["scope", <code key="sc">{t.scopes.join(" ")}</code>],
    [
      "id_token",
      t.idToken ? (
        <SecretField key="i" field="id_token" masked={mask(t.idToken, 12)} />
      ) : (
        "not issued (no openid scope, or JWT Bearer)"
      ),
    ],
    ["instance_url", <code key="in">{t.instanceUrl}</code>],
    ["id", <code key="id">{t.identityUrl}</code>],
    ["token_type", <code key="tt">{t.tokenType}</code>],
    ["issued_at", t.issuedAt ? <code key="ia">{String(t.issuedAt)}</code> : "not sent"],
    ["expires_in", "never sent by Salesforce: see the expiry above"],
  ]
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
      {rows.map(([k, v]) => (
        <div key={k} className="contents">
          <dt>
            <code>{k}</code>
          </dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  )
}
