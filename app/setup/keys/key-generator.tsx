"use client"

import { useEffect, useState, useSyncExternalStore } from "react"
import {
  generateKeyAndCertificate,
  opensslCommand,
  optionsProblem,
  type GeneratedKeys,
  type KeyOptions,
} from "./generate-keys"

/** Object URLs for the two downloads: blobs in this tab's memory, not anything on a server. */
function downloadUrls(keys: GeneratedKeys) {
  const url = (text: string) =>
    URL.createObjectURL(new Blob([text], { type: "application/x-pem-file" }))
  return { key: url(keys.privateKeyPem), crt: url(keys.certificatePem) }
}

/** True once hydrated: the server render (and the first client render) say false. */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  )
const noSubscription = () => () => {}

const field = "rounded border border-slate-500 px-2 py-1"
const output = "w-full rounded border border-slate-400 bg-white p-2 font-mono text-xs"
const link = "rounded border border-blue-800 px-3 py-1 text-blue-800 hover:bg-blue-50"

/** The generator: everything happens in this tab, with the browser's WebCrypto. */
export function KeyGenerator() {
  // Until hydration the button would do nothing useful: keep it disabled rather than let the form submit.
  const ready = useHydrated()
  const [options, setOptions] = useState<KeyOptions>({
    bits: 2048,
    cn: "salesforce-oauth-lab",
    days: 365,
  })
  const [status, setStatus] = useState("")
  const [busy, setBusy] = useState(false)
  const [keys, setKeys] = useState<{
    made: KeyOptions
    pair: GeneratedKeys
    urls: { key: string; crt: string }
  }>()
  // A new pair (or leaving the page) frees the previous pair's blobs.
  useEffect(() => {
    if (!keys) return
    return () => {
      URL.revokeObjectURL(keys.urls.key)
      URL.revokeObjectURL(keys.urls.crt)
    }
  }, [keys])
  const problem = optionsProblem(options)
  const shown = keys?.made ?? options

  async function generate(e: React.FormEvent) {
    e.preventDefault()
    if (problem) return
    setBusy(true)
    setStatus(`Generating a ${options.bits}-bit RSA key and a certificate…`)
    try {
      const pair = await generateKeyAndCertificate(options, window.crypto)
      setKeys({ made: options, pair, urls: downloadUrls(pair) })
      setStatus(
        `Generated a ${options.bits}-bit RSA key and a certificate for CN=${options.cn}, valid ${options.days} days.`,
      )
    } catch (err) {
      setStatus(`Could not generate the key: ${(err as Error).message}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <div>
      <form onSubmit={generate} className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor="key-size" className="mb-1 block font-semibold">
            Key size
          </label>
          <select
            id="key-size"
            className={field}
            value={options.bits}
            onChange={(e) =>
              setOptions({ ...options, bits: e.target.value === "4096" ? 4096 : 2048 })
            }
          >
            <option value="2048">RSA 2048</option>
            <option value="4096">RSA 4096</option>
          </select>
        </div>
        <div>
          <label htmlFor="common-name" className="mb-1 block font-semibold">
            Common name (CN)
          </label>
          <input
            id="common-name"
            className={field}
            value={options.cn}
            maxLength={64}
            aria-describedby="key-options-problem"
            onChange={(e) => setOptions({ ...options, cn: e.target.value })}
          />
        </div>
        <div>
          <label htmlFor="validity-days" className="mb-1 block font-semibold">
            Validity (days)
          </label>
          <input
            id="validity-days"
            type="number"
            aria-describedby="key-options-problem"
            min={1}
            max={3650}
            className={`${field} w-28`}
            value={options.days}
            onChange={(e) => setOptions({ ...options, days: Number(e.target.value) })}
          />
        </div>
        <button
          type="submit"
          disabled={!ready || busy || !!problem}
          className="rounded bg-blue-800 px-5 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60"
        >
          Generate
        </button>
      </form>
      <p id="key-options-problem" className="mt-2 text-sm text-red-800">
        {problem}
      </p>
      <p role="status" className="mt-1 min-h-6 text-sm">
        {status}
      </p>

      {keys ? (
        <div className="mt-4 grid gap-4">
          <div>
            <label htmlFor="generated-certificate" className="mb-1 block font-semibold">
              Certificate (server.crt): upload this to the app
            </label>
            <textarea
              id="generated-certificate"
              readOnly
              rows={8}
              spellCheck={false}
              className={output}
              value={keys.pair.certificatePem}
            />
          </div>
          <div>
            <label htmlFor="generated-private-key" className="mb-1 block font-semibold">
              Private key (server.key): keep this secret
            </label>
            {/* spellCheck off: some browsers' enhanced spell checking sends field text to a server. */}
            <textarea
              id="generated-private-key"
              readOnly
              rows={8}
              spellCheck={false}
              autoComplete="off"
              className={output}
              value={keys.pair.privateKeyPem}
            />
          </div>
          <p className="flex flex-wrap gap-3">
            <a className={link} href={keys.urls.key} download="server.key">
              Download server.key
            </a>
            <a className={link} href={keys.urls.crt} download="server.crt">
              Download server.crt
            </a>
          </p>
        </div>
      ) : null}

      <h3 className="mt-6 font-semibold">The same with openssl</h3>
      <pre className="mt-1 rounded bg-slate-900 p-3 text-sm whitespace-pre-wrap text-slate-50">
        <code>{opensslCommand(shown)}</code>
      </pre>
      <p className="mt-1 text-sm text-slate-700">
        To renew later for the same key (nothing to change on the server):{" "}
        <code>{`openssl req -x509 -key server.key -sha256 -out server.crt -days ${shown.days} -subj "/CN=${shown.cn}"`}</code>
      </p>
    </div>
  )
}
