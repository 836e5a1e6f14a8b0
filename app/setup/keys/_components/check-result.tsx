import type { CertificateCheck, Verdict } from "@/lib/setup/certificate-check"

const LEVELS: Record<Verdict["level"], { label: string; className: string }> = {
  pass: { label: "pass", className: "border-green-700 bg-green-50 text-green-900" },
  fail: { label: "fail", className: "border-red-700 bg-red-50 text-red-900" },
  warn: { label: "warning", className: "border-amber-700 bg-amber-50 text-amber-900" },
  info: { label: "note", className: "border-slate-500 bg-slate-50 text-slate-900" },
}

/** The check's facts, then its verdicts, each with a pass/fail word (not colour alone). Text only: React escapes it. */
export function CheckResult({ result, keyName }: { result: CertificateCheck; keyName: string }) {
  const facts: [string, string][] = result.parsed
    ? [
        ["Subject CN", result.subjectCn ?? `(none; the subject is "${result.subject}")`],
        ["Valid from", result.notBefore],
        [
          "Valid until",
          `${result.notAfter} (${result.validity === "expired" ? "expired" : result.validity === "not-yet-valid" ? "not yet valid" : `${result.daysLeft} days left`})`,
        ],
        ["Key", result.keyLabel],
        ["Signature algorithm", result.signatureAlgorithm],
        ["SHA-256 fingerprint", result.sha256Fingerprint],
        [
          `Matches ${keyName}`,
          {
            match: "yes",
            mismatch: "no",
            "no-key": "cannot tell: no key configured",
            "unreadable-key": "cannot tell: the key cannot be read",
          }[result.keyMatch],
        ],
      ]
    : [["Parse error", result.parseError]]
  return (
    <section className="mb-6" aria-labelledby="check-result-heading">
      <h3 id="check-result-heading" className="mb-2 font-semibold">
        Result
      </h3>
      <dl className="mb-3 grid grid-cols-[max-content_1fr] gap-x-3 gap-y-1 text-sm">
        {facts.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="font-semibold">{k}</dt>
            <dd className="break-all">{v}</dd>
          </div>
        ))}
      </dl>
      <h4 className="mb-1 font-semibold">What Salesforce will make of it</h4>
      <ul className="grid gap-2">
        {result.verdicts.map((v) => (
          <li key={v.text} className={`rounded border p-2 text-sm ${LEVELS[v.level].className}`}>
            <strong className="mr-2 uppercase">{LEVELS[v.level].label}</strong>
            {v.text}
          </li>
        ))}
      </ul>
    </section>
  )
}
