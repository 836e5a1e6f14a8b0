"use client"

import { useEffect, useState } from "react"

const fmt = (s: number) =>
  `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m ${String(s % 60).padStart(2, "0")}s`

/** Time left until `exp` (seconds since 1970), ticking; "expired" once past. */
export function Countdown({ exp }: { exp: number }) {
  const [now, setNow] = useState(() => Math.floor(Date.now() / 1000))
  useEffect(() => {
    const id = setInterval(() => setNow(Math.floor(Date.now() / 1000)), 1000)
    return () => clearInterval(id)
  }, [])
  const left = exp - now
  // The server rendered this a moment before the browser hydrates it: the seconds may differ, and
  // React would report a hydration mismatch (error #418) for what is only the clock moving on.
  return <span suppressHydrationWarning>{left > 0 ? `expires in ${fmt(left)}` : "expired"}</span>
}
