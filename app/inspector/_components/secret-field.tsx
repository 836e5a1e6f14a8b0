"use client"

import { useState } from "react"

async function fetchSecret(field: string): Promise<string | undefined> {
  const res = await fetch("/inspector/reveal", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ field }),
    credentials: "same-origin",
  })
  if (!res.ok) return undefined
  return ((await res.json()) as { value?: string }).value
}

/**
 * A masked secret. The page holds only the mask; *Reveal* and *Copy* ask the server for the value
 * (a same-origin POST), so the HTML never contains the token.
 */
export function SecretField({ field, masked }: { field: string; masked: string }) {
  const [value, setValue] = useState<string>()
  const [note, setNote] = useState("")
  return (
    <span className="flex flex-wrap items-center gap-2">
      <code className="break-all">{value ?? masked}</code>
      <button
        type="button"
        className="rounded border border-blue-800 px-2 py-0.5 text-sm text-blue-800"
        onClick={async () =>
          value ? setValue(undefined) : setValue((await fetchSecret(field)) ?? masked)
        }
      >
        {value ? "Hide" : "Reveal"}
      </button>
      <button
        type="button"
        className="rounded border border-blue-800 px-2 py-0.5 text-sm text-blue-800"
        onClick={async () => {
          const v = value ?? (await fetchSecret(field))
          if (!v) return setNote("Not available")
          await navigator.clipboard.writeText(v)
          setNote("Copied")
          setTimeout(() => setNote(""), 1500)
        }}
      >
        Copy
      </button>
      <span role="status" className="text-sm">
        {note}
      </span>
    </span>
  )
}
