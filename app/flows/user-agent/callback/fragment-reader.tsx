"use client"

import { useEffect, useRef, useState } from "react"
import { sameOriginPath } from "@/lib/http/same-origin-path"

/**
 * The one client component that does protocol work. It reads the fragment, removes it from the
 * address bar at once (so the token is not left in history or shown on screen), and hands the
 * parameters to the server, which verifies everything before creating a session.
 */
export function FragmentReader() {
  const [status, setStatus] = useState("Reading the response from Salesforce…")
  // Strict Mode runs effects twice in development: the fragment must be handed over once.
  const sent = useRef(false)

  useEffect(() => {
    if (sent.current) return
    sent.current = true
    const fragment = Object.fromEntries(new URLSearchParams(window.location.hash.slice(1)))
    window.history.replaceState(null, "", window.location.pathname)
    fetch("/flows/user-agent/complete", {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(fragment),
    })
      .then((res) => res.json() as Promise<{ location?: string }>)
      .then(({ location }) =>
        window.location.replace(sameOriginPath(location, window.location.origin, "/flows/error")),
      )
      .catch(() =>
        setStatus(
          "The site could not be reached to complete the sign-in. Start again from the User-Agent flow page.",
        ),
      )
  }, [])

  return (
    <p role="status" className="text-slate-700">
      {status}
    </p>
  )
}
