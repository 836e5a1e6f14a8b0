import type { Metadata } from "next"
import { notFound } from "next/navigation"
import { EntryExplanation } from "@/app/_components/entry-explanation"
import { PageLink } from "@/app/_components/page-link"
import { entryById } from "@/lib/explain/catalogue"
import { errorIndexHref } from "@/lib/explain/entry-href"
import { ScriptFree } from "@/app/_components/script-free"

type Params = { params: Promise<{ id: string }> }

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const entry = entryById((await params).id)
  // Here too, so that the not-found page keeps its own title.
  if (!entry) notFound()
  return { title: `${entry.title} | Salesforce OAuth Lab` }
}

/** One catalogue entry: the exact wire strings, what they mean, the usual causes and the fix. */
export default async function ErrorEntryPage({ params }: Params) {
  const entry = entryById((await params).id)
  // An id the catalogue lacks: 404 and the site's not-found page (app/not-found.tsx). Next 16 sends
  // it for a matched dynamic segment as a shell its client-side React fills in, where an unmatched
  // path gets it rendered on the server; the status is 404 either way.
  if (!entry) notFound()
  return (
    <article aria-labelledby="entry-title">
      <ScriptFree openable />
      <p className="mb-2 text-sm">
        <PageLink className="text-blue-800 underline" href={errorIndexHref(entry.id)}>
          All errors
        </PageLink>
      </p>
      <h1 id="entry-title" className="mb-2 text-2xl font-bold">
        {entry.title}
      </h1>
      <p className="mb-3 text-sm">
        <code className="break-all">{entry.error}</code>
        {entry.description ? (
          <>
            {" "}
            / <code className="break-all">{entry.description}</code>
          </>
        ) : null}{" "}
        <span className="text-slate-700">({entry.where.join(", ")})</span>
      </p>
      <EntryExplanation entry={entry} level={2} causesHeading="Usual causes" />
      <p className="mt-2">
        <PageLink className="text-blue-800 underline" href="/setup">
          Check your setup
        </PageLink>
      </p>
    </article>
  )
}
