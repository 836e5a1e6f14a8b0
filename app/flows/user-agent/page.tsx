import type { Metadata } from "next"
import { maskKey } from "@/app/_components/mask"
import { ParamsTable } from "@/app/_components/params-table"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ConfigProblems } from "@/app/_components/config-problems"
import { UserAgentCode } from "../_components/flow-code"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "User-Agent flow | Salesforce OAuth Lab" }

export default async function UserAgentFlowPage() {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const openid = org.scopes.split(" ").includes("openid")
  const rows = [
    {
      name: "response_type",
      value: openid ? "token id_token" : "token",
      why: "Ask for the access token itself, delivered in the callback URL's fragment.",
    },
    { name: "client_id", value: maskKey(org.clientId), why: "The app's consumer key." },
    {
      name: "redirect_uri",
      value: org.callbacks.userAgent,
      why: "Must equal a callback URL registered on the app.",
    },
    {
      name: "scope",
      value: org.scopes,
      why: "What the token may do. No refresh token comes back to an https callback in this flow.",
    },
    {
      name: "state",
      value: "256 random bits, made when you press Start",
      why: "Checked on the server before the token is looked at.",
    },
    {
      name: "nonce",
      value: "256 random bits, made when you press Start",
      why: "Must come back inside the id_token.",
    },
  ]
  return (
    <section>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">User-Agent flow</h1>
      <p className="mb-2">
        The implicit grant: Salesforce sends the access token in the fragment of the callback URL.
        It is legacy: Salesforce recommends the Web Server flow with PKCE instead, and an org can
        block this flow. Because the token passes through the browser, this site trusts nothing in
        it until the server has proven it: the <code>state</code>, the <code>signature</code> (HMAC
        with the client secret), introspection (active, issued to this app) and the{" "}
        <code>id_token</code>.
      </p>
      <SequenceDiagram
        title="User-Agent flow"
        actors={["Browser", "This site", "Salesforce"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST)" },
          { from: 1, to: 0, label: "state, nonce in sealed cookie", redirect: true },
          { from: 0, to: 2, label: "GET /services/oauth2/authorize", redirect: true },
          { from: 2, to: 2, label: "log in, Allow access" },
          { from: 2, to: 0, label: "302 callback#access_token=…&state=…", redirect: true },
          { from: 0, to: 0, label: "read fragment, clear address bar" },
          { from: 0, to: 1, label: "POST fragment to /flows/user-agent/complete" },
          { from: 1, to: 2, label: "introspect, /id/keys, identity URL" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      <h2 className="mt-6 text-lg font-semibold">The request the site is about to make</h2>
      <p className="text-sm text-slate-700">
        <code className="break-all">
          GET {org.loginUrl}/services/oauth2/authorize?response_type=token…
        </code>
      </p>
      <ParamsTable caption="Authorize parameters" rows={rows} />
      <StartButton action="/flows/user-agent/start" />
      <UserAgentCode org={org} callback={org.callbacks.userAgent} />
    </section>
  )
}
