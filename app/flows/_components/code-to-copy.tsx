import type { ReactNode } from "react"
import type { CodeSample } from "@/lib/flows/snippets/code-sample"

export interface SnippetEnv {
  name: string
  /** What to set it to: a value, or what it is. */
  value: ReactNode
}

const ORDER: readonly CodeSample["id"][] = ["fetch", "jsforce"]

const WITH: Readonly<Record<CodeSample["id"], ReactNode>> = {
  fetch: (
    <>
      plain <code>fetch</code>
    </>
  ),
  jsforce: (
    <>
      jsforce 3 (<code>npm install jsforce</code>)
    </>
  ),
}

/**
 * Every flow page's "Code to copy": the flow as a standalone Node.js program, with plain `fetch`
 * and (where jsforce has the grant) with jsforce, from lib/flows/. Each program is run against the
 * embedded org by a test under tests/integration/. Server-rendered <details>: no client JavaScript.
 * The settings are environment variables named SF_*, the same on every page.
 */
export function CodeToCopy({
  file,
  env,
  samples,
  children,
}: {
  file: string
  env: SnippetEnv[]
  samples: CodeSample[]
  children?: ReactNode
}) {
  // fetch first on every page: it shows the wire; jsforce then shows what a library hides.
  const ordered = [...samples].sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id))
  return (
    <section aria-labelledby="code-to-copy" className="defer-render mt-8">
      <h2 id="code-to-copy" className="text-lg font-semibold">
        Code to copy
      </h2>
      <p className="text-sm text-slate-700">
        What the site does, as a Node.js 18+ program (an ES module, <code>{file}</code>), with{" "}
        {ordered.map((s, i) => (
          <span key={s.id}>
            {i ? " or with " : null}
            {WITH[s.id]}
          </span>
        ))}
        . The lab&apos;s tests run {ordered.length > 1 ? "both" : "it"} against the embedded org.
        Set:
      </p>
      <ul className="my-2 list-disc pl-6 text-sm text-slate-700">
        {env.map((e) => (
          <li key={e.name}>
            <code>{e.name}</code>: {e.value}
          </li>
        ))}
      </ul>
      {children}
      {ordered.map((s) => (
        <Snippet key={s.id} label={s.id} code={s.code} />
      ))}
    </section>
  )
}

function Snippet({ label, code }: { label: string; code: string }) {
  return (
    <details className="my-2 rounded border border-slate-300 bg-white">
      <summary className="cursor-pointer px-3 py-2 font-semibold">{label}</summary>
      <pre
        role="region"
        aria-label={label}
        tabIndex={0}
        className="overflow-x-auto bg-slate-900 p-3 text-xs text-slate-100"
      >
        <code>{code}</code>
      </pre>
    </details>
  )
}
