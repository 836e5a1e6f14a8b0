import { PageLink } from "@/app/_components/page-link"
import { currentSession } from "@/lib/auth/current-session"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ConfigProblems } from "./_components/config-problems"
import { OrgStatus } from "./_components/org-status"
import { SignedIn } from "./_components/signed-in"
import { FLOWS, GROUPS, GUIDE } from "./_components/chooser-data"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"

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
      <ScriptFree openable={!session} />
      <h1 className="mb-2 text-2xl font-bold">Salesforce OAuth Lab</h1>
      <p className="mb-4 text-slate-700">
        Run, understand and debug the ways a Node.js application authenticates with Salesforce. Pick
        a flow: each page shows its steps and the exact request before anything is sent.
      </p>
      <div className="mb-6 rounded border border-slate-300 bg-white p-4">
        <SignedIn session={session} />
      </div>
      {GROUPS.map((g) => {
        const cards = FLOWS.filter((f) => f.group === g.id)
        return cards.length ? (
          <section key={g.id} aria-labelledby={`group-${g.id}`} className="mb-6">
            <h2 id={`group-${g.id}`} className="mb-2 text-xl font-semibold">
              {g.title}
            </h2>
            <ul className="grid gap-4 md:grid-cols-3">
              {cards.map((f) => (
                <li
                  key={f.href}
                  className="flex flex-col rounded border border-slate-300 bg-white p-4"
                >
                  <h3 className="mb-2 text-lg font-semibold">
                    <PageLink className="text-blue-800 underline" href={f.href}>
                      {f.name}
                    </PageLink>
                  </h3>
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
          </section>
        ) : null
      })}
      <section aria-labelledby="guide-h" className="mb-8">
        <h2 id="guide-h" className="mb-2 text-xl font-semibold">
          Which flow? What are you building?
        </h2>
        <ul className="list-disc pl-6 text-sm">
          {GUIDE.map(([building, flow, why]) => (
            <li key={flow}>
              {building}: <strong>{flow}</strong>. {why}
            </li>
          ))}
        </ul>
      </section>
      <OrgStatus config={org.config} clientId={org.clientId} />
    </section>
  )
}
