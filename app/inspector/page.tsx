import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { SignOutButton } from "@/app/_components/signed-in"
import { currentSession } from "@/lib/auth/current-session"
import { FLOW_LABELS } from "@/lib/auth/session-types"
import { CLIENT_AUTH_LABELS } from "@/lib/salesforce/client-auth"
import { orgConnection } from "@/lib/org/connection"
import { inspectorView } from "@/lib/inspector/inspector-view"
import { SCOPE_MEANINGS } from "@/lib/inspector/scopes"
import { ApiActions, TokenActions } from "./_components/actions-panel"
import { ApiResult } from "./_components/api-result"
import { AssetTokenView } from "./_components/asset-token-view"
import { Check } from "./_components/badges"
import { Countdown } from "./_components/countdown"
import { ExchangeView } from "./_components/exchange-view"
import { IdentityView } from "./_components/identity-view"
import { JwtView } from "./_components/jwt-view"
import { TokenDecoder } from "./_components/token-decoder"
import { TokenResponse } from "./_components/token-response"
import { SamlView } from "./_components/saml-view"
import { Section } from "./_components/section"
import { TranscriptView } from "./_components/transcript-view"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Token inspector | Salesforce OAuth Lab" }

const ago = (ms: number) => `${Math.max(0, Math.round((Date.now() - ms) / 60_000))} minutes ago`
/** The date as ISO 8601, or undefined when no Date holds it (a session sealed before lib/salesforce checked dates). */
const iso = (ms: unknown) =>
  typeof ms === "number" && !Number.isNaN(new Date(ms).getTime())
    ? new Date(ms).toISOString()
    : undefined
/** What came back from the flow, proven, usable: server-rendered from the session, no token in the HTML. */
export default async function InspectorPage() {
  const s = await currentSession()
  if (!s) {
    return (
      <section>
        <h1 className="mb-2 text-2xl font-bold">Token inspector</h1>
        <p>
          Nobody is signed in.{" "}
          <PageLink className="text-blue-800 underline" href="/">
            Run a flow
          </PageLink>{" "}
          to see what Salesforce returns.
        </p>
      </section>
    )
  }
  const org = await orgConnection()
  const view = await inspectorView(s, org)
  const v = view.verifications
  const t = s.tokens
  const issued = iso(t.issuedAt)
  const expires = s.expiry && iso(s.expiry.exp * 1000)
  const summary: [string, React.ReactNode][] = [
    [
      // Client Credentials has no signed-in person: the token acts as the app's Run-As user.
      s.flow === "client-credentials" ? "Who (the app's Run-As user)" : "Who",
      <span key="w">
        {s.user.displayName} (<code>{s.user.username}</code>)
      </span>,
    ],
    [
      "Org ID / User ID",
      <span key="o">
        <code>{s.user.orgId}</code> / <code>{s.user.userId}</code>
      </span>,
    ],
    // The secret is the default: only another client authentication is worth a mention.
    [
      "Flow",
      s.clientAuth && s.clientAuth !== "secret"
        ? `${FLOW_LABELS[s.flow]}, client authentication: ${CLIENT_AUTH_LABELS[s.clientAuth]}`
        : FLOW_LABELS[s.flow],
    ],
    [
      "Org",
      <span key="l">
        login URL <code>{s.loginUrl}</code>, instance_url <code>{t.instanceUrl}</code>
      </span>,
    ],
    [
      "Issued",
      issued && t.issuedAt
        ? `${issued} (${ago(t.issuedAt)})`
        : t.issuedAt
          ? "unknown: issued_at is not a date"
          : `no issued_at in a JWT Bearer response; signed in ${ago(s.signedInAt)}`,
    ],
    [
      "Expires",
      s.expiry && expires ? (
        <span key="e">
          {expires}, <Countdown exp={s.expiry.exp} /> ({s.expiry.source})
        </span>
      ) : (
        "unknown: introspection did not answer or gave no exp (Salesforce sends no expires_in)"
      ),
    ],
  ]
  return (
    <div>
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Token inspector</h1>
        <SignOutButton />
      </div>
      <Section id="summary" title="Summary">
        <dl className="mb-3 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
          {summary.map(([k, v]) => (
            <div key={k} className="contents">
              <dt className="font-semibold">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
        <ul className="flex flex-wrap gap-2" aria-label="Granted scopes">
          {t.scopes.map((sc) => (
            <li
              key={sc}
              className="rounded-full border border-blue-800 px-3 text-sm"
              title={SCOPE_MEANINGS[sc] ?? sc}
            >
              <code>{sc}</code>: {SCOPE_MEANINGS[sc] ?? "a scope this site does not describe"}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="response" title="Token response">
        <TokenResponse s={s} />
      </Section>
      {s.exchange ? (
        <Section id="exchange" title="Token exchange: external token → Salesforce token">
          <ExchangeView s={s} />
        </Section>
      ) : null}
      <Section id="verifications" title="Verifications">
        <ul className="space-y-1">
          <Check
            name="signature"
            result={v.signature}
            note="It covers the identity URL and issued_at, not the access token."
          />
          <Check name="id_token" result={v.idToken} />
          <Check name="JWT Bearer assertion" result={v.assertion} />
          <Check name="SAML Bearer assertion" result={v.saml?.checks[0]?.result} />
          <Check name="access token (introspection)" result={v.introspection} />
        </ul>
      </Section>
      {v.saml ? (
        <Section id="saml" title="SAML assertion">
          <SamlView saml={v.saml} />
        </Section>
      ) : null}
      <AssetTokenView s={s} check={view.assetToken} />
      <Section id="jwts" title="Decoded JWTs">
        <JwtView title="id_token" token={t.idToken} />
        <JwtView
          title="JWT Bearer assertion"
          token={s.assertion}
          note="The assertion the site signed and sent."
        />
        <JwtView
          title="Access token"
          token={t.accessToken}
          note="This org issues JWT-based access tokens."
        />
        {!t.idToken && !s.assertion ? (
          <p className="text-sm">
            No JWT in this session: the access token is opaque (a session id).
          </p>
        ) : null}
      </Section>
      <Section id="identity" title="Identity">
        <div className="grid gap-3 md:grid-cols-2">
          <IdentityView title="Identity URL" answer={view.identity} />
          <IdentityView title="userinfo" answer={view.userinfo} />
        </div>
      </Section>
      <Section id="actions" title="Actions">
        <TokenActions s={s} />
      </Section>
      <Section id="api" title="Call the API">
        <ApiActions />
        <div className="mt-3">
          <ApiResult call={view.api} />
        </div>
      </Section>
      <Section id="transcript" title="Transcript">
        <TranscriptView entries={view.entries} dropped={view.dropped} />
      </Section>
      <Section id="decode" title="Decode any token">
        <TokenDecoder orgJwksUrl={`${org.loginUrl}/id/keys`} />
      </Section>
    </div>
  )
}
