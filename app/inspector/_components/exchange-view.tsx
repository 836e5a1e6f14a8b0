import type { LabSession, TokenExchangeRecord } from "@/lib/auth/session-types"

const Row = ({ k, v }: { k: string; v: unknown }) =>
  v === undefined ? null : (
    <div className="contents">
      <dt className="font-mono">{k}</dt>
      <dd className="font-mono break-all">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
    </div>
  )

function mappingText(x: TokenExchangeRecord, s: LabSession): string {
  const who = `${s.user.username} (${s.user.userId})`
  if (!x.mapping)
    return `No claim of the external token equals this user's Email, FederationIdentifier or Username: the handler mapped it to ${who} by a rule of its own.`
  return `claim ${x.mapping.claim} = "${x.mapping.value}" → User.${x.mapping.field} → ${who}, ${x.created ? "created by this exchange (just-in-time)" : "an existing user"}`
}

/**
 * The Token Exchange flow's two tokens side by side, the external provider's (as the site held it)
 * and Salesforce's, with the join between them read back from the user record.
 */
export function ExchangeView({ s }: { s: LabSession }) {
  const x = s.exchange
  if (!x) return null
  const c = x.external.claims
  return (
    <>
      <div className="grid gap-3 md:grid-cols-2">
        <div className="rounded border border-slate-300 p-3">
          <h3 className="font-semibold">External token (subject_token)</h3>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
            <Row k="subject_token_type" v={x.subjectTokenType} />
            <Row
              k="alg / kid"
              v={`${String(x.external.header.alg)} / ${String(x.external.header.kid)}`}
            />
            {["iss", "sub", "aud", "email", "preferred_username", "exp"].map((k) => (
              <Row key={k} k={k} v={c[k]} />
            ))}
          </dl>
        </div>
        <div className="rounded border border-slate-300 p-3">
          <h3 className="font-semibold">Salesforce token</h3>
          <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
            <Row k="issued_token_type" v={x.issuedTokenType ?? "(absent)"} />
            <Row k="token_handler" v={x.tokenHandler ?? "(the org's default)"} />
            <Row k="user" v={s.user.username} />
            <Row k="email" v={s.user.email} />
            <Row k="org" v={s.user.orgId} />
            <Row k="scopes" v={s.tokens.scopes.join(" ")} />
          </dl>
        </div>
      </div>
      <p className="mt-2" data-testid="exchange-mapping">
        <strong>Mapping:</strong> {mappingText(x, s)}
      </p>
    </>
  )
}
