import { EntryExplanation } from "@/app/_components/entry-explanation"
import { PageLink } from "@/app/_components/page-link"
import { entriesOf, type Diagnosis } from "@/lib/diagnose/diagnose"
import { errorEntryHref } from "@/lib/explain/entry-href"

const FORM_WORDS = {
  empty: "an empty paste",
  url: "an error URL",
  json: "a JSON error body",
  text: "the text of an error page",
}

/**
 * The answer to a paste: what was read, then each catalogue entry that explains it. Everything
 * from the paste is rendered as text (React escapes it); nothing is ever set as HTML.
 */
export function DiagnosisAnswer({ d }: { d: Diagnosis }) {
  const entries = entriesOf(d)
  return (
    <section id="answer" aria-labelledby="answer-h" tabIndex={-1} className="mb-8">
      <h2 id="answer-h" className="mb-2 text-xl font-semibold">
        {d.form === "empty"
          ? "Nothing to diagnose"
          : entries.length
            ? entries.length === 1
              ? "The likely cause"
              : `${entries.length} likely causes`
            : "No known error found"}
      </h2>
      <div role="status" className="mb-3">
        {d.form === "empty" ? (
          <p>
            The paste was empty. Paste the URL you landed on, the JSON body, or the page&apos;s
            text.
          </p>
        ) : (
          <p>
            Read as {FORM_WORDS[d.form]}
            {d.error ? (
              <>
                : <code>{d.error}</code>
                {d.errorDescription ? (
                  <>
                    {" "}
                    / <code>{d.errorDescription}</code>
                  </>
                ) : null}
              </>
            ) : null}
            .
          </p>
        )}
        {d.form !== "empty" && !entries.length ? (
          <p>
            None of the errors this lab explains appears in it. Check that you pasted
            Salesforce&apos;s own answer (the callback URL with <code>error=</code>, the token
            endpoint&apos;s JSON), then look through{" "}
            <PageLink className="text-blue-800 underline" href="/errors">
              every explained error
            </PageLink>
            .
          </p>
        ) : null}
      </div>
      {entries.map((e) => (
        <article
          key={e.id}
          aria-labelledby={`dx-${e.id}`}
          className="mb-4 rounded border border-slate-300 bg-white p-4"
        >
          <h3 id={`dx-${e.id}`} className="mb-1 font-semibold">
            {e.title}
          </h3>
          <EntryExplanation entry={e} level={4} causesHeading="Likely causes" />
          <PageLink className="text-blue-800 underline" href={errorEntryHref(e.id)}>
            The catalogue entry: {e.title}
          </PageLink>
        </article>
      ))}
    </section>
  )
}
