import type { Metadata } from "next"
import { headers } from "next/headers"
import { orgOrProblems } from "@/lib/org/or-problems"
import { unsealCookie } from "@/lib/auth/sealed-cookie"
import {
  CHECK_COOKIE,
  CHECK_PURPOSE,
  configuredKeyName,
  type CertificateCheck,
} from "@/lib/setup/certificate-check"
import { CheckResult } from "./_components/check-result"
import { NextSteps } from "./_components/next-steps"
import { KeyGenerator } from "./key-generator"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Keys and certificates | Salesforce OAuth Lab" }

/**
 * The JWT Bearer flow's key material: make a key and certificate in the browser, then check a
 * certificate against the key the site signs with. The check's result arrives in a sealed,
 * one-minute cookie set by /setup/keys/check, never in the URL.
 */
export default async function KeysPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const checked = (await searchParams).checked === "1"
  const sealed = checked
    ? await unsealCookie<{ result: CertificateCheck }>(
        (await headers()).get("cookie"),
        CHECK_COOKIE,
        CHECK_PURPOSE,
      )
    : undefined
  const { org, problems } = await orgOrProblems()
  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">Keys and certificates</h1>
      <p className="mb-6">
        The JWT Bearer flow signs its assertion with a private key (RS256); Salesforce verifies it
        with the certificate uploaded to the app (&ldquo;Use digital signatures&rdquo;). The two
        must be a pair: the certificate holds the public half of that very key.
      </p>

      <section
        aria-labelledby="generator-heading"
        className="mb-10 rounded border border-slate-300 bg-white p-4"
      >
        <h2 id="generator-heading" className="mb-2 text-lg font-semibold">
          Generate a key and a self-signed certificate
        </h2>
        <p className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          <strong>The private key never leaves your browser.</strong> Your browser&apos;s WebCrypto
          makes it in this tab; it is shown here and saved by the download link, and no request
          carries it: the site never sees it.
        </p>
        <KeyGenerator />
        <NextSteps />
      </section>

      <section
        id="checker"
        aria-labelledby="checker-heading"
        className="rounded border border-slate-300 bg-white p-4"
      >
        <h2 id="checker-heading" className="mb-2 text-lg font-semibold">
          Check a certificate against the configured key
        </h2>
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
        {checked ? (
          sealed ? (
            <CheckResult
              result={sealed.result}
              keyName={org ? configuredKeyName(org) : "the key"}
            />
          ) : (
            <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">
              The result is kept for a minute and has gone: check again.
            </p>
          )
        ) : null}
        <form
          method="post"
          action="/setup/keys/check"
          encType="multipart/form-data"
          className="grid gap-3"
        >
          <div>
            <label htmlFor="certificate-pem" className="mb-1 block font-semibold">
              Certificate (PEM)
            </label>
            <textarea
              id="certificate-pem"
              name="pem"
              rows={8}
              spellCheck={false}
              placeholder="-----BEGIN CERTIFICATE-----"
              className="w-full rounded border border-slate-500 p-2 font-mono text-xs"
            />
          </div>
          <div>
            <label htmlFor="certificate-file" className="mb-1 block font-semibold">
              Or upload server.crt
            </label>
            <input
              id="certificate-file"
              name="file"
              type="file"
              accept=".crt,.pem,.cer,.der"
              className="text-sm"
            />
          </div>
          <p className="text-sm text-slate-700">
            Up to 64 KB. A file, when chosen, is checked in place of the pasted text. Paste
            certificates only, never a private key.
          </p>
          <div>
            <button
              type="submit"
              className="rounded bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900"
            >
              Check certificate
            </button>
          </div>
        </form>
      </section>
    </section>
  )
}
