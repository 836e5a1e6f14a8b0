import type { Metadata } from "next"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Lab passphrase | Salesforce OAuth Lab" }

const MESSAGES = {
  wrong: "That is not the lab's passphrase. Try again.",
  busy: "Too many wrong passphrases: wait a minute, then try again.",
}

/** The operator gate's page (docs/security.md, C-81): asks once per browser for LAB_ACCESS_PASSWORD. */
export default async function LabAccessPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>
}) {
  const params = await searchParams
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)
  const error = first(params.error)
  const message = error === "wrong" || error === "busy" ? MESSAGES[error] : undefined
  const next = first(params.next) ?? "/"
  return (
    <div className="max-w-md">
      <ScriptFree />
      <h1 className="mb-2 text-2xl font-bold">This lab asks for its passphrase</h1>
      <p className="mb-4 text-slate-700">
        The site is reachable from the network, so its operator set a passphrase (
        <code>LAB_ACCESS_PASSWORD</code>). Enter it once; this browser then keeps a signed cookie.
      </p>
      {message && (
        <p role="alert" className="mb-4 font-semibold text-red-800">
          {message}
        </p>
      )}
      <form method="post" action="/lab-access/enter" className="flex flex-col gap-2">
        <input type="hidden" name="next" value={next} />
        <label htmlFor="passphrase" className="font-semibold">
          Lab passphrase
        </label>
        <input
          id="passphrase"
          name="passphrase"
          type="password"
          autoComplete="current-password"
          required
          className="rounded border border-slate-500 px-2 py-1"
        />
        <button type="submit" className="self-start rounded bg-blue-800 px-4 py-2 text-white">
          Enter the lab
        </button>
      </form>
    </div>
  )
}
