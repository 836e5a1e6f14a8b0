import type { CodeSample } from "@/lib/flows/snippets/code-sample"

/** The flow as Node.js code to copy: what the site does, with jsforce and with plain fetch. */
export function CodeSamples({ samples, note }: { samples: CodeSample[]; note?: string }) {
  return (
    <section aria-labelledby="code-h" className="defer-render mt-8">
      <h2 id="code-h" className="mb-2 text-lg font-semibold">
        Code to copy
      </h2>
      {note ? <p className="mb-2 text-sm text-slate-700">{note}</p> : null}
      {samples.map((s) => (
        <figure key={s.id} className="my-3">
          <figcaption className="mb-1 font-semibold">{s.title}</figcaption>
          <pre
            tabIndex={0}
            aria-label={`${s.title} code`}
            className="overflow-x-auto rounded border border-slate-300 bg-slate-50 p-3 text-sm"
          >
            <code>{s.code}</code>
          </pre>
        </figure>
      ))}
    </section>
  )
}
