import type { Metadata } from "next"
import { headers } from "next/headers"
import { orgOrProblems } from "@/lib/org/or-problems"
import { unsealCookie } from "@/lib/auth/sealed-cookie"
import { CHECK_COOKIE, CHECK_PURPOSE, configuredKeyName, type CertificateCheck, type Verdict } from "@/lib/setup/certificate-check"
import { KeyGenerator } from "./key-generator"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Keys and certificates | Salesforce OAuth Lab" }

/**
 * The JWT Bearer flow's key material: make a key and certificate in the browser, then check a
 * certificate against the key the site signs with. The check's result arrives in a sealed,
 * one-minute cookie set by /setup/keys/check, never in the URL.
 */
export default async function KeysPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const checked = (await searchParams).checked === "1"
  const sealed = checked ? await unsealCookie<{ result: CertificateCheck }>((await headers()).get("cookie"), CHECK_COOKIE, CHECK_PURPOSE) : undefined
  const { org, problems } = await orgOrProblems()
  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">Keys and certificates</h1>
      <p className="mb-6">
        The JWT Bearer flow signs its assertion with a private key (RS256); Salesforce verifies it with the certificate uploaded to the
        app (&ldquo;Use digital signatures&rdquo;). The two must be a pair: the certificate holds the public half of that very key.
      </p>

      <section aria-labelledby="generator-heading" className="mb-10 rounded border border-slate-300 bg-white p-4">
        <h2 id="generator-heading" className="mb-2 text-lg font-semibold">Generate a key and a self-signed certificate</h2>
        <p className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          <strong>The private key never leaves your browser.</strong> Your browser&apos;s WebCrypto makes it in this tab; it is shown here
          and saved by the download link, and no request carries it: the site never sees it.
        </p>
        <KeyGenerator />
        <NextSteps />
      </section>

      <section id="checker" aria-labelledby="checker-heading" className="rounded border border-slate-300 bg-white p-4">
        <h2 id="checker-heading" className="mb-2 text-lg font-semibold">Check a certificate against the configured key</h2>
        <p className="mb-3 text-sm">
          {!org
            ? `The configuration needs fixing (${problems.join("; ")}), so no key is configured: the check covers the certificate alone.`
            : !org.privateKeyPem
              ? "No private key is configured (SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE), so the check covers the certificate alone."
              : org.embedded && !org.config.app
                ? "The configured key is the embedded org's app key (made on first run in the data folder as connected-app/server.key, with its certificate connected-app/server.crt)."
                : "The configured key is SALESFORCE_PRIVATE_KEY (or the file SALESFORCE_PRIVATE_KEY_FILE names)."}{" "}
          It stays on the server: the check compares its public half with the certificate&apos;s.
        </p>
        {checked ? sealed ? <CheckResult result={sealed.result} keyName={org ? configuredKeyName(org) : "the key"} /> : <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">The result is kept for a minute and has gone: check again.</p> : null}
        <form method="post" action="/setup/keys/check" encType="multipart/form-data" className="grid gap-3">
          <div>
            <label htmlFor="certificate-pem" className="mb-1 block font-semibold">Certificate (PEM)</label>
            <textarea id="certificate-pem" name="pem" rows={8} spellCheck={false} placeholder="-----BEGIN CERTIFICATE-----" className="w-full rounded border border-slate-500 p-2 font-mono text-xs" />
          </div>
          <div>
            <label htmlFor="certificate-file" className="mb-1 block font-semibold">Or upload server.crt</label>
            <input id="certificate-file" name="file" type="file" accept=".crt,.pem,.cer,.der" className="text-sm" />
          </div>
          <p className="text-sm text-slate-700">Up to 64 KB. A file, when chosen, is checked in place of the pasted text. Paste certificates only, never a private key.</p>
          <div>
            <button type="submit" className="rounded bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900">Check certificate</button>
          </div>
        </form>
      </section>
    </section>
  )
}

function NextSteps() {
  return (
    <>
      <h3 className="mt-6 font-semibold">Next steps</h3>
      <ol className="mt-1 list-decimal space-y-1 pl-6 text-sm">
        <li>Keep <code>server.key</code> next to the app, out of version control (add it to <code>.gitignore</code>) and readable by the app alone (<code>chmod 600 server.key</code>).</li>
        <li>
          Upload <code>server.crt</code> to the app. Connected App: Setup → App Manager → your app → ▾ → Edit → API (Enable OAuth Settings) →
          Use digital signatures → Choose File → Save. External Client App: Setup → External Client App Manager → your app → Edit → Settings →
          OAuth Settings → Flow Enablement → Enable JWT Bearer Flow → upload the certificate; then pre-authorize the users under Policies → App
          Policies (permission sets).
        </li>
        <li>Point the site at the key in <code>.env.local</code>: <code>SALESFORCE_PRIVATE_KEY_FILE=./server.key</code>, and restart it.</li>
        <li>Check the pair: paste <code>server.crt</code> into the checker below.</li>
      </ol>
    </>
  )
}

const LEVELS: Record<Verdict["level"], { label: string; className: string }> = {
  pass: { label: "pass", className: "border-green-700 bg-green-50 text-green-900" },
  fail: { label: "fail", className: "border-red-700 bg-red-50 text-red-900" },
  warn: { label: "warning", className: "border-amber-700 bg-amber-50 text-amber-900" },
  info: { label: "note", className: "border-slate-500 bg-slate-50 text-slate-900" },
}

/** The check's facts, then its verdicts, each with a pass/fail word (not colour alone). Text only: React escapes it. */
function CheckResult({ result, keyName }: { result: CertificateCheck; keyName: string }) {
  const facts: [string, string][] = result.parsed
    ? [
        ["Subject CN", result.subjectCn ?? `(none; the subject is "${result.subject}")`],
        ["Valid from", result.notBefore],
        ["Valid until", `${result.notAfter} (${result.validity === "expired" ? "expired" : result.validity === "not-yet-valid" ? "not yet valid" : `${result.daysLeft} days left`})`],
        ["Key", result.keyLabel],
        ["Signature algorithm", result.signatureAlgorithm],
        ["SHA-256 fingerprint", result.sha256Fingerprint],
        [`Matches ${keyName}`, { match: "yes", mismatch: "no", "no-key": "cannot tell: no key configured", "unreadable-key": "cannot tell: the key cannot be read" }[result.keyMatch]],
      ]
    : [["Parse error", result.parseError]]
  return (
    <section className="mb-6" aria-labelledby="check-result-heading">
      <h3 id="check-result-heading" className="mb-2 font-semibold">Result</h3>
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
