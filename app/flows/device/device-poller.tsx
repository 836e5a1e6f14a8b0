"use client"

import { useEffect } from "react"

/**
 * Asks the site, never Salesforce, whether the person has allowed access, as often as the site says
 * (`retryAfterS`); the site itself asks Salesforce at most once per interval. On an answer it moves
 * to the inspector, or to the error page.
 */
export function DevicePoller({ intervalS }: { intervalS: number }) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    let stopped = false
    const poll = async () => {
      let next = intervalS
      try {
        const res = await fetch("/flows/device/poll", {
          method: "POST",
          headers: { accept: "application/json" },
        })
        const body = (await res.json()) as { location?: string; retryAfterS?: number }
        // Only a path of this site: the answer names where to go, never another origin.
        if (body.location?.startsWith("/") && !body.location.startsWith("//")) {
          stopped = true
          window.location.assign(body.location)
          return
        }
        if (typeof body.retryAfterS === "number") next = Math.min(60, Math.max(1, body.retryAfterS))
      } catch {
        // A network hiccup: try again after the interval.
      }
      if (!stopped) timer = setTimeout(poll, next * 1000)
    }
    timer = setTimeout(poll, intervalS * 1000)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [intervalS])
  return (
    <p role="status" className="text-slate-700">
      Waiting for access to be allowed. This page checks with the site every {intervalS} seconds and
      moves on by itself.
    </p>
  )
}
