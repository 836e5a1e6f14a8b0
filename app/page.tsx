import { getConfig } from "@/lib/config/env"
import { ConfigError } from "@/lib/config/errors"
import { OrgStatus } from "./_components/org-status"

export const dynamic = "force-dynamic"

export default async function Home() {
  let config
  try {
    config = getConfig()
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e
    return (
      <section>
        <h1 className="mb-4 text-2xl font-bold">Salesforce OAuth Lab</h1>
        <div role="alert" className="rounded border border-red-700 bg-red-50 p-4">
          <h2 className="font-semibold">The configuration needs fixing</h2>
          <ul className="mt-2 list-disc pl-6">
            {e.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      </section>
    )
  }
  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">Salesforce OAuth Lab</h1>
      <p className="mb-6 text-slate-700">
        Run, understand and debug the ways a Node.js application authenticates with Salesforce: Web Server (authorization
        code with PKCE), User-Agent and JWT Bearer.
      </p>
      <OrgStatus config={config} />
    </section>
  )
}
