import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { CATALOGUE } from "@/lib/explain/catalogue"
import type { ErrorSource } from "@/lib/explain/catalogue-types"

export const metadata: Metadata = {
  title: "Salesforce OAuth errors explained | Salesforce OAuth Lab",
}

const GROUPS: { source: ErrorSource; title: string }[] = [
  { source: "JWT Bearer", title: "JWT Bearer" },
  { source: "SAML Bearer", title: "SAML Bearer" },
  { source: "Client Credentials", title: "Client Credentials" },
  { source: "Username-Password", title: "Username-Password (legacy)" },
  { source: "authorize", title: "Authorize endpoint (the redirect back to your app)" },
  { source: "token", title: "Token endpoint" },
  { source: "REST API", title: "REST API" },
  { source: "this site", title: "This site's own checks" },
]

/** The catalogue of errors: what each means, why it happens, and the fix with the Setup path. */
export default function ErrorsPage() {
  const shown = new Set<string>()
  return (
    <div>
      <h1 className="mb-2 text-2xl font-bold">Salesforce OAuth errors explained</h1>
      <p className="mb-4 text-slate-700">
        Each entry gives Salesforce&apos;s exact <code>error</code> and{" "}
        <code>error_description</code>, what it means, its usual causes and the fix, with the Setup
        path to click. Every error page of this site links to its entry.
      </p>
      <nav aria-label="Error groups" className="mb-6">
        <ul className="flex flex-wrap gap-3">
          {GROUPS.map((g) => (
            <li key={g.source}>
              <a
                className="text-blue-800 underline"
                href={`#group-${g.source.replace(/\W+/g, "-").toLowerCase()}`}
              >
                {g.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {GROUPS.map((g) => {
        const entries = CATALOGUE.filter((e) => e.where[0] === g.source && !shown.has(e.id))
        entries.forEach((e) => shown.add(e.id))
        return (
          <section
            key={g.source}
            id={`group-${g.source.replace(/\W+/g, "-").toLowerCase()}`}
            aria-labelledby={`h-${g.source.replace(/\W+/g, "-")}`}
            className="mb-8"
          >
            <h2 id={`h-${g.source.replace(/\W+/g, "-")}`} className="mb-3 text-xl font-semibold">
              {g.title}
            </h2>
            {entries.map((e) => (
              <article
                key={e.id}
                id={e.id}
                aria-labelledby={`t-${e.id}`}
                className="mb-4 rounded border border-slate-300 bg-white p-4"
              >
                <h3 id={`t-${e.id}`} className="text-lg font-semibold">
                  {e.title}
                </h3>
                <p className="mb-2 text-sm">
                  <code>{e.error}</code>
                  {e.description ? (
                    <>
                      {" "}
                      / <code>{e.description}</code>
                    </>
                  ) : null}{" "}
                  <span className="text-slate-700">({e.where.join(", ")})</span>
                </p>
                <p className="mb-2">{e.meaning}</p>
                <h4 className="font-semibold">Usual causes</h4>
                <ul className="mb-2 list-disc pl-6">
                  {e.causes.map((c) => (
                    <li key={c}>{c}</li>
                  ))}
                </ul>
                <h4 className="font-semibold">Fix</h4>
                <ol className="list-decimal pl-6">
                  {e.fix.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ol>
                <p className="mt-2 text-sm">
                  <a className="text-blue-800 underline" href={`#${e.id}`}>
                    Link to this entry
                  </a>
                </p>
              </article>
            ))}
          </section>
        )
      })}
      <p>
        <PageLink className="text-blue-800 underline" href="/setup">
          Check your setup
        </PageLink>
      </p>
    </div>
  )
}
