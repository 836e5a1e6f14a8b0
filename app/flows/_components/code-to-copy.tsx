import type { ReactNode } from "react"

export interface SnippetEnv {
  name: string
  /** What to set it to: a value, or what it is. */
  value: ReactNode
}

/**
 * A flow page's "Code to copy": the flow as a standalone Node.js program, with plain `fetch` and
 * with jsforce, from lib/flows/<flow>-snippets.ts (each run against the embedded org by
 * tests/integration/flow-snippets.test.ts). Server-rendered <details>: no client JavaScript.
 */
export function CodeToCopy({
  file,
  env,
  fetchCode,
  jsforceCode,
  children,
}: {
  file: string
  env: SnippetEnv[]
  fetchCode: string
  jsforceCode: string
  children?: ReactNode
}) {
  return (
    <section aria-labelledby="code-to-copy" className="defer-render mt-8">
      <h2 id="code-to-copy" className="text-lg font-semibold">
        Code to copy
      </h2>
      <p className="text-sm text-slate-700">
        What the site does, as a Node.js 18+ program (an ES module, <code>{file}</code>), with plain{" "}
        <code>fetch</code> or with jsforce 3 (<code>npm install jsforce</code>). The lab&apos;s
        tests run both against the embedded org. Set:
      </p>
      <ul className="my-2 list-disc pl-6 text-sm text-slate-700">
        {env.map((e) => (
          <li key={e.name}>
            <code>{e.name}</code>: {e.value}
          </li>
        ))}
      </ul>
      {children}
      <Snippet label="fetch" code={fetchCode} />
      <Snippet label="jsforce" code={jsforceCode} />
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
