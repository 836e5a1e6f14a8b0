"use client"

import { useEffect, useState } from "react"
import { nextPollStep, type PollReply } from "@/lib/flows/device-poll-reply"

/**
 * Asks the site, never Salesforce, whether the person has allowed access, as often as the site says
 * (`retryAfterS`); the site itself asks Salesforce at most once per interval. Each poll names the
 * flow this page shows (`flowId`), so a page whose code was replaced in another tab is told so
 * (docs/security.md, R-02). On an answer it moves to the inspector or the error page; on an answer
 * that is not the poll's own (lib/flows/device-poll-reply.ts) it stops and says why.
 */
export function DevicePoller({
  intervalS,
  flowId,
  notice: initialNotice,
}: {
  intervalS: number
  flowId: string
  notice?: string
}) {
  const [notice, setNotice] = useState(initialNotice)
  const [problem, setProblem] = useState<string>()
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>
    let stopped = false
    const poll = async () => {
      let reply: PollReply | undefined
      try {
        const res = await fetch("/flows/device/poll", {
          method: "POST",
          headers: {
            accept: "application/json",
            "content-type": "application/x-www-form-urlencoded",
          },
          body: new URLSearchParams({ flow: flowId }).toString(),
        })
        const json = (res.headers.get("content-type") ?? "").includes("application/json")
        reply = {
          status: res.status,
          redirected: res.redirected,
          body: json ? await res.json().catch(() => undefined) : undefined,
        }
      } catch {
        reply = undefined
      }
      if (stopped) return
      const step = nextPollStep(reply, intervalS)
      if (step.kind === "go") {
        stopped = true
        window.location.assign(step.location)
      } else if (step.kind === "stop") {
        stopped = true
        setProblem(step.message)
      } else {
        setNotice(step.notice)
        timer = setTimeout(poll, step.afterS * 1000)
      }
    }
    timer = setTimeout(poll, intervalS * 1000)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [intervalS, flowId])
  if (problem)
    return (
      <p role="alert" className="text-red-800">
        Stopped checking. {problem}{" "}
        <a className="text-blue-800 underline" href="/flows/device">
          Reload
        </a>
      </p>
    )
  return (
    <div role="status" className="text-slate-700">
      <p>
        Waiting for access to be allowed. This page checks with the site every {intervalS} seconds
        and moves on by itself.
      </p>
      {notice && <p className="text-amber-800">{notice}</p>}
    </div>
  )
}
