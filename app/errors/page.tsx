import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { CATALOGUE } from "@/lib/explain/catalogue"
import { errorEntryHref } from "@/lib/explain/entry-href"
import { GROUPS, groupSlug } from "./_components/error-groups"
import { ScriptFree } from "@/app/_components/script-free"

export const metadata: Metadata = {
  title: "Salesforce OAuth errors explained | Salesforce OAuth Lab",
}

/**
 * The index of the catalogue: every error by where it shows up, with its exact `error` and
 * `error_description`, each linking to its own page (meaning, causes, fix). One page per entry keeps
 * this one light: the whole catalogue inline made it the heaviest page of the site (its text was
 * sent twice, as HTML and as React's payload), past the first-load JavaScript budget.
 */
export default function ErrorsPage() {
  return (
    <div>
      <ScriptFree openable />
      <h1 className="mb-2 text-2xl font-bold">Salesforce OAuth errors explained</h1>
      <p className="mb-4 text-slate-700">
        Each entry gives Salesforce&apos;s exact <code>error</code> and{" "}
        <code>error_description</code>; its page says what it means, its usual causes and the fix,
        with the Setup path to click. Every error page of this site links to its entry.
      </p>
      <nav aria-label="Error groups" className="mb-6">
        <ul className="flex flex-wrap gap-3">
          {GROUPS.map((g) => (
            <li key={g.source}>
              <a className="text-blue-800 underline" href={`#group-${groupSlug(g.source)}`}>
                {g.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {GROUPS.map((g) => (
        <section
          key={g.source}
          id={`group-${groupSlug(g.source)}`}
          aria-labelledby={`h-${groupSlug(g.source)}`}
          className="mb-6"
        >
          <h2 id={`h-${groupSlug(g.source)}`} className="mb-2 text-xl font-semibold">
            {g.title}
          </h2>
          <ul className="space-y-1">
            {CATALOGUE.filter((e) => e.where[0] === g.source).map((e) => (
              <li key={e.id} id={e.id}>
                <PageLink className="text-blue-800 underline" href={errorEntryHref(e.id)}>
                  {e.title}
                </PageLink>{" "}
                <code className="text-sm break-all">
                  {e.error}
                  {e.description ? ` / ${e.description}` : ""}
                </code>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <PageLink className="text-blue-800 underline" href="/setup">
          Check your setup
        </PageLink>
      </p>
    </div>
  )
}
