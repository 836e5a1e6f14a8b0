"use client"

import { useState } from "react"

/** Copies text that is already on the page (never a secret: see SecretField for those). */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [done, setDone] = useState(false)
  return (
    <button
      type="button"
      className="rounded border border-blue-800 px-2 py-0.5 text-sm text-blue-800 hover:bg-blue-50"
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => {
          setDone(true)
          setTimeout(() => setDone(false), 1500)
        })
      }}
    >
      {done ? "Copied" : label}
    </button>
  )
}
