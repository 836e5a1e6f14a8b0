/**
 * The waiting page's side of a Device flow poll (app/flows/device/device-poller.tsx), kept apart
 * from the component so every answer it can meet is tested. No server code: it runs in the browser.
 */

/** What the page does next: go to a page of the site, poll again later, or stop and say why. */
export type PollStep =
  | { kind: "go"; location: string }
  | { kind: "wait"; afterS: number; notice?: string }
  | { kind: "stop"; message: string }

/** What came back from `POST /flows/device/poll`: `body` is the parsed JSON, undefined when it was not JSON. */
export interface PollReply {
  status: number
  redirected: boolean
  body: unknown
}

const RELOAD = "Reload this page; if the code has expired by then, start again."

/** A path of this site only (`//host` and `/\host` lead to another origin in browsers). */
const sitePath = (v: unknown): v is string => typeof v === "string" && /^\/(?![/\\])/.test(v)

const field = (body: unknown, name: string): unknown =>
  typeof body === "object" && body !== null ? (body as Record<string, unknown>)[name] : undefined

/**
 * The step after one poll; `reply` is undefined when the request failed before any answer (the
 * site unreachable for a moment: worth another try). Only the poll route's own JSON answer keeps
 * the page polling: any other answer (the lab's passphrase gate, a refused origin, an error or
 * HTML page) would be met again at every poll, so the page stops and says what to do.
 */
export function nextPollStep(reply: PollReply | undefined, intervalS: number): PollStep {
  if (!reply)
    return {
      kind: "wait",
      afterS: intervalS,
      notice: `This page could not reach the site; trying again in ${intervalS} s.`,
    }
  const { status, redirected, body } = reply
  const state = field(body, "status")
  if (status === 200 && !redirected && typeof state === "string") {
    const location = field(body, "location")
    if ((state === "done" || state === "failed") && sitePath(location))
      return { kind: "go", location }
    const retryAfterS = field(body, "retryAfterS")
    const notice = field(body, "notice")
    if (state === "pending" && typeof retryAfterS === "number" && Number.isFinite(retryAfterS))
      return {
        kind: "wait",
        afterS: Math.min(60, Math.max(1, Math.round(retryAfterS))),
        notice: typeof notice === "string" ? notice : undefined,
      }
  }
  if (status === 401 && field(body, "error") === "lab_access_required")
    return {
      kind: "stop",
      message: `This browser's access to the lab has expired, so the site no longer answers this page. Reload it and enter the lab's passphrase again. ${RELOAD}`,
    }
  if (status === 403)
    return {
      kind: "stop",
      message: `The site refused the check because it did not come from its own page. ${RELOAD}`,
    }
  if (redirected)
    return {
      kind: "stop",
      message: `The site sent the check elsewhere (its configuration may have changed). ${RELOAD}`,
    }
  return {
    kind: "stop",
    message: `The site answered the check with HTTP ${status}${body === undefined ? " and a page" : ""} instead of the poll's answer. ${RELOAD}`,
  }
}
