import Link from "next/link"
import { currentSession } from "@/lib/auth/current-session"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ConfigProblems } from "./_components/config-problems"
import { OrgStatus } from "./_components/org-status"
import { SignedIn } from "./_components/signed-in"

export const dynamic = "force-dynamic"

const FLOWS = [
  {
    href: "/flows/web-server",
    name: "Web Server flow",
    what: "Authorization code with PKCE: the user logs in at Salesforce, the site exchanges a one-time code for tokens on the server with its client secret.",
    when: "Salesforce's recommendation for any app with a server: use it in place of the user-agent and username-password flows.",
    needs:
      "Callback URL registered on the app; scopes api, refresh_token, openid; PKCE (the org can require it).",
  },
  {
    href: "/flows/user-agent",
    name: "User-Agent flow",
    what: "Implicit grant: Salesforce puts the access token in the URL fragment of the callback; the browser hands it to the server, which verifies it.",
    when: "Legacy, for apps without a server. Salesforce recommends the Web Server flow with PKCE instead, and orgs can block this flow.",
    needs: "The user-agent flow not blocked for the app; a callback URL registered on the app.",
  },
  {
    href: "/flows/jwt-bearer",
    name: "JWT Bearer flow",
    what: "Server-to-server: the site signs a short JWT with its private key and trades it for an access token, with no login page.",
    when: "Integrations and back-end jobs acting as a fixed user. Needs prior approval: an admin pre-authorizes the user, or the user approves the app once.",
    needs:
      "A certificate uploaded to the app; refresh_token scope; the user pre-authorized (profile or permission set) or approved once.",
  },
]

export default async function Home() {
  const { org, problems } = await orgOrProblems()
  if (!org) {
    return (
      <section>
        <h1 className="mb-4 text-2xl font-bold">Salesforce OAuth Lab</h1>
        <ConfigProblems problems={problems} />
      </section>
    )
  }
  const session = await currentSession()
  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">Salesforce OAuth Lab</h1>
      <p className="mb-4 text-slate-700">
        Run, understand and debug the ways a Node.js application authenticates with Salesforce. Pick
        a flow: each page shows its steps and the exact request before anything is sent.
      </p>
      <div className="mb-6 rounded border border-slate-300 bg-white p-4">
        <SignedIn session={session} />
      </div>
      <ul className="mb-8 grid gap-4 md:grid-cols-3">
        {FLOWS.map((f) => (
          <li key={f.href} className="flex flex-col rounded border border-slate-300 bg-white p-4">
            <h2 className="mb-2 text-lg font-semibold">
              <Link className="text-blue-800 underline" href={f.href}>
                {f.name}
              </Link>
            </h2>
            <p className="mb-2 text-sm">{f.what}</p>
            <p className="mb-2 text-sm">
              <strong>When:</strong> {f.when}
            </p>
            <p className="text-sm">
              <strong>The org needs:</strong> {f.needs}
            </p>
          </li>
        ))}
      </ul>
      <h2 className="mb-3 text-xl font-semibold">A device with no browser</h2>
      <ul className="mb-8 grid gap-4 md:grid-cols-3">
        <li className="flex flex-col rounded border border-slate-300 bg-white p-4">
          <h3 className="mb-2 text-lg font-semibold">
            <Link className="text-blue-800 underline" href="/flows/device">
              Device flow
            </Link>
          </h3>
          <p className="mb-2 text-sm">
            The device shows a short code; the person enters it on Salesforce&apos;s verification
            page from a phone or laptop and allows access, while the device polls for the tokens.
          </p>
          <p className="mb-2 text-sm">
            <strong>When:</strong> command-line tools, TVs and kiosks that cannot show a login page.
            Blocked since September 2025 for apps not installed in the org.
          </p>
          <p className="text-sm">
            <strong>The org needs:</strong> &quot;Enable for Device Flow&quot; on the app; the app
            installed in the org; scopes api, refresh_token.
          </p>
        </li>
      </ul>
      <OrgStatus config={org.config} clientId={org.clientId} />
    </section>
  )
}
