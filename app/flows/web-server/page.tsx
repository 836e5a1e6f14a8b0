import type { Metadata } from "next"
import { maskKey } from "@/app/_components/mask"
import { ParamsTable } from "@/app/_components/params-table"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ConfigProblems } from "@/app/_components/config-problems"
import { WebServerCode } from "../_components/flow-code"
import { isClientAuthMethod } from "@/lib/salesforce/client-auth"
import { ClientAuthChoice, TOKEN_STEP, tokenAuthText } from "./client-auth-choice"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Web Server flow | Salesforce OAuth Lab" }

export default async function WebServerFlowPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const asked = (await searchParams).client_auth
  const auth = isClientAuthMethod(asked) ? asked : "secret"
  const tokenUrl = `${org.loginUrl}/services/oauth2/token`
  const openid = org.scopes.split(" ").includes("openid")
  const rows = [
    {
      name: "response_type",
      value: "code",
      why: "Ask for a one-time authorization code, redeemed by the server.",
    },
    { name: "client_id", value: maskKey(org.clientId), why: "The app's consumer key." },
    {
      name: "redirect_uri",
      value: org.callbacks.webServer,
      why: "Must equal a callback URL registered on the app, character for character.",
    },
    {
      name: "scope",
      value: org.scopes,
      why: "api for the REST API, refresh_token to get a refresh token (and to pre-approve JWT Bearer), openid for an id_token.",
    },
    {
      name: "state",
      value: "256 random bits, made when you press Start",
      why: "Ties the callback to this browser: checked before anything else (CSRF).",
    },
    {
      name: "code_challenge",
      value: "BASE64URL(SHA-256(verifier)), made when you press Start",
      why: "PKCE: only the holder of the verifier can redeem the code.",
    },
    {
      name: "code_challenge_method",
      value: "S256",
      why: "The only PKCE method worth using; Salesforce supports it.",
    },
    ...(openid
      ? [
          {
            name: "nonce",
            value: "256 random bits, made when you press Start",
            why: "Must come back inside the id_token: stops id_token replay.",
          },
        ]
      : []),
  ]
  return (
    <section>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">Web Server flow</h1>
      <p className="mb-2">
        The authorization code flow with PKCE, which Salesforce recommends for every app with a
        server. The user logs in at Salesforce; the site receives a one-time code and exchanges it
        on the server, with its client secret (or a signed JWT, or nothing for a public client) and
        the PKCE verifier. Tokens never pass through the browser.
      </p>
      <SequenceDiagram
        title="Web Server flow with PKCE"
        actors={["Browser", "This site", "Salesforce"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST)" },
          { from: 1, to: 0, label: "state, verifier, nonce in sealed cookie", redirect: true },
          { from: 0, to: 2, label: "GET /services/oauth2/authorize", redirect: true },
          { from: 2, to: 2, label: "log in, Allow access" },
          { from: 2, to: 0, label: "302 callback?code=…&state=…", redirect: true },
          { from: 0, to: 1, label: "GET /flows/web-server/callback" },
          { from: 1, to: 2, label: TOKEN_STEP[auth] },
          { from: 2, to: 1, label: "tokens, signature, id_token" },
          { from: 1, to: 2, label: "GET /id/keys, identity URL" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      <h2 className="mt-6 text-lg font-semibold">The request the site is about to make</h2>
      <p className="text-sm text-slate-700">
        <code className="break-all">
          GET {org.loginUrl}/services/oauth2/authorize?response_type=code&amp;…
        </code>
      </p>
      <ParamsTable caption="Authorize parameters" rows={rows} />
      <p className="text-sm text-slate-700" data-testid="token-request">
        Then, on the server: <code>POST {tokenUrl}</code> with{" "}
        <code>grant_type=authorization_code</code>, the code, <code>redirect_uri</code>,{" "}
        <code>code_verifier</code>, and {tokenAuthText(auth, tokenUrl)}. The inspector&apos;s
        Refresh authenticates the same way.
      </p>
      <StartButton action="/flows/web-server/start">
        <ClientAuthChoice chosen={auth} />
      </StartButton>
      <WebServerCode org={org} callback={org.callbacks.webServer} auth={auth} />
    </section>
  )
}
