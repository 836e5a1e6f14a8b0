import type { Metadata } from "next"
import { headers } from "next/headers"
import { maskKey } from "@/app/_components/mask"
import { ConfigProblems } from "@/app/_components/config-problems"
import { RequestPreview } from "@/app/_components/request-preview"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import {
  heldExternalTokens,
  previewTokenExchange,
  SUBJECT_TYPES,
  SUBJECT_TYPE_NAMES,
} from "@/lib/flows/token-exchange"
import { orgOrProblems } from "@/lib/org/or-problems"
import { TokenExchangeCode } from "./token-exchange-code"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Token Exchange flow | Salesforce OAuth Lab" }

const TYPE_LABELS = {
  id_token: "id_token: the provider's ID token",
  access_token: "access_token: the provider's JWT access token",
  jwt: "jwt: the same JWT access token, typed as a plain JWT",
} as const

function Claims({ title, claims }: { title: string; claims?: Record<string, unknown> }) {
  if (!claims) return null
  return (
    <div className="rounded border border-slate-300 p-3">
      <h3 className="font-semibold">{title}</h3>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-3 text-sm">
        {Object.entries(claims).map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-mono">{k}</dt>
            <dd className="font-mono break-all">{typeof v === "string" ? v : JSON.stringify(v)}</dd>
          </div>
        ))}
      </dl>
    </div>
  )
}

export default async function TokenExchangeFlowPage() {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const idp = org.config.externalIdp
  const held = await heldExternalTokens((await headers()).get("cookie"))
  const handler = idp?.handler ?? ""
  const preview = previewTokenExchange(
    org,
    { type: "id_token", tokenHandler: handler || undefined },
    maskKey(org.clientId),
  )
  return (
    <section>
      <ScriptFree openable={!held} />
      <h1 className="mb-2 text-2xl font-bold">Token Exchange flow</h1>
      <p className="mb-2">
        Your users already signed in somewhere else: an <strong>external identity provider</strong>{" "}
        (Okta, Entra ID, Auth0, your own). The site trades that provider&apos;s token for Salesforce
        tokens (RFC 8693), and Salesforce runs an Apex <strong>token exchange handler</strong> that
        validates the token and maps its subject to a Salesforce user, creating one if it may. Since
        API 60 (Spring &apos;24).
      </p>
      <p className="mb-4 text-sm text-slate-700">
        The org needs: &quot;Enable Token Exchange Flow&quot; on the app, an Apex class extending{" "}
        <code>Auth.Oauth2TokenExchangeHandler</code>, and a token exchange handler that uses it,
        with this app enabled
        {org.embedded
          ? `. The embedded org models the handler: what it accepts and how it maps users are on its settings page (${org.loginUrl}/settings, as admin@example.com). The identity provider here is the lab's own, at ${idp?.issuer ?? "(not configured)"}.`
          : " (see /setup)."}
      </p>
      <SequenceDiagram
        title="Token Exchange flow"
        actors={["Browser", "This site", "Identity provider", "Salesforce"]}
        steps={[
          { from: 0, to: 2, label: "Sign in at the provider (code + PKCE)", redirect: true },
          { from: 2, to: 1, label: "callback: code → id_token + access token" },
          { from: 1, to: 3, label: "POST /token: token-exchange + subject_token" },
          {
            from: 3,
            to: 1,
            label: "handler validated, user mapped: access_token + issued_token_type",
          },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      <h2 className="mt-6 text-lg font-semibold">1. Sign in at the identity provider</h2>
      {held ? (
        <>
          <p className="text-sm text-slate-700">
            Signed in there. The provider&apos;s tokens are held in this flow&apos;s sealed,
            HttpOnly cookie (encrypted: this page shows their claims, never the tokens).
          </p>
          <div className="mt-2 grid gap-3 md:grid-cols-2">
            <Claims title="id_token claims" claims={held.idToken?.claims} />
            <Claims title="access token claims" claims={held.accessToken?.claims} />
          </div>
        </>
      ) : (
        <StartButton
          action="/flows/token-exchange/start"
          label="Sign in at the identity provider"
        />
      )}
      <h2 className="mt-6 text-lg font-semibold">2. Exchange it at Salesforce</h2>
      <RequestPreview title="The token request (id_token shown)" preview={preview} />
      {held ? (
        <StartButton action="/flows/token-exchange/exchange" label="Exchange at Salesforce">
          <fieldset className="mb-2">
            <legend className="mb-1 font-semibold">subject_token_type</legend>
            {SUBJECT_TYPE_NAMES.map((t) => (
              <label key={t} className="mr-4 flex items-center gap-1">
                <input type="radio" name="type" value={t} defaultChecked={t === "id_token"} />
                {TYPE_LABELS[t]} (<code>{SUBJECT_TYPES[t]}</code>)
              </label>
            ))}
          </fieldset>
          <p className="mb-2">
            <label htmlFor="token_handler" className="mr-2 font-semibold">
              token_handler (optional)
            </label>
            <input
              id="token_handler"
              name="token_handler"
              defaultValue={handler}
              className="rounded border px-2 py-1"
            />
          </p>
          <p className="mb-2">
            <label htmlFor="scope" className="mr-2 font-semibold">
              scope (optional)
            </label>
            <input
              id="scope"
              name="scope"
              defaultValue={org.scopes}
              className="rounded border px-2 py-1"
            />
          </p>
        </StartButton>
      ) : (
        <p className="text-sm text-slate-700">Sign in at the provider first.</p>
      )}
      <TokenExchangeCode org={org} handler={handler || undefined} />
    </section>
  )
}
