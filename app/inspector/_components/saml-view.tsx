import type { SamlAssertionView } from "@/lib/inspector/saml-checks"
import { Check } from "./badges"

/** The SAML Bearer assertion the site sent: its checks, then the XML, indented, as text. */
export function SamlView({ saml }: { saml?: SamlAssertionView }) {
  if (!saml) return null
  return (
    <>
      <p className="text-sm text-slate-700">
        The assertion the site signed and sent, verified again here as the org verified it.
      </p>
      <ul className="my-2 space-y-1" aria-label="SAML assertion checks">
        {saml.checks.map((c) => (
          <Check key={c.name} name={c.name} result={c.result} />
        ))}
      </ul>
      <pre
        tabIndex={0}
        aria-label="The SAML assertion, as XML"
        className="max-h-96 overflow-auto rounded border border-slate-300 bg-slate-50 p-3 text-xs"
      >
        {saml.xml}
      </pre>
    </>
  )
}
