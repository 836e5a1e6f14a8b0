// Over 200 lines: the Device flow's two steps and every outcome of a poll (C-130 to C-132, R-02)
// read best in one place; the server-side bookkeeping is device-store.ts, the page's side device-poll-reply.ts.
import "server-only"
import crypto from "node:crypto"
import type { Redirect } from "@/lib/http/respond"
import { sessionSetCookies } from "@/lib/auth/session-cookie"
import { clearCookie, sealCookie, unsealCookie } from "@/lib/auth/sealed-cookie"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { isVerificationUrl } from "@/lib/salesforce/login-host"
import { clientFor, orgConnection, recorderFor } from "@/lib/org/connection"
import { completeSignIn } from "./shared/complete-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import { deviceFlows, type DeviceFlowRow } from "./device-store"

export const DEVICE_COOKIE = "sfl_device"
const PURPOSE = "device flow"
const PATH = "/flows/device"
/**
 * How long the site waits for the person. Salesforce sends no `expires_in` and documents no
 * lifetime; the embedded org's codes live 10 minutes (docs/fidelity.md, F-142).
 */
export const DEVICE_FLOW_TTL_S = 10 * 60

/**
 * What the browser's sealed, HttpOnly cookie holds: the device code (what trades for tokens; the
 * page's script never reads it and the server's database never stores it, C-131) and the id of the
 * flow's row in the server's store (device-store.ts), which holds everything else. The cookie stays
 * small (a 1024-character device code seals to under 2 KB) however long the org's other values are.
 */
interface DeviceState {
  fid: string
  dc: string
  /** When the flow gives up (ms). */
  ex: number
  tid: string
}

/** What the waiting page shows, and the flow id it sends back with each poll. */
export interface DeviceWaiting {
  flowId: string
  userCode: string
  verificationUri: string
  intervalS: number
  expiresAt: number
  /** Why the site is polling less often than the interval (the org did not answer), if it is. */
  notice?: string
}

/** A poll's outcome: keep waiting (and when to ask again), or go to the inspector or error page. */
export type DevicePoll =
  | { status: "pending"; retryAfterS: number; notice?: string; cookies: string[] }
  | { status: "done" | "failed"; location: string; cookies: string[] }

/** The cookie outlives the flow by this much, so a poll just after the end is told "expired", not "no flow". */
const EXPIRY_GRACE_S = 60

const seal = (s: DeviceState, now: number) =>
  sealCookie(
    DEVICE_COOKIE,
    PURPOSE,
    { ...s },
    Math.max(1, Math.ceil((s.ex - now) / 1000)) + EXPIRY_GRACE_S,
    PATH,
  )

async function readState(cookieHeader: string | null): Promise<DeviceState | undefined> {
  const s = await unsealCookie<DeviceState & { exp: number; [k: string]: unknown }>(
    cookieHeader,
    DEVICE_COOKIE,
    PURPOSE,
  )
  // A cookie sealed before the flow had a server-side row carries no id: no flow to continue.
  return s && typeof s.fid === "string" && typeof s.dc === "string" ? s : undefined
}

const secondsUntil = (at: number, now: number) => Math.max(1, Math.ceil((at - now) / 1000))
const noticeOf = (f: DeviceFlowRow, now: number) =>
  f.notice && `${f.notice}; trying again in ${secondsUntil(f.nextPollAt, now)} s.`

/**
 * *Start*: asks Salesforce for a device code (`response_type=device_code`), checks that the
 * verification page it names is on the org's own domain (the site must never send a person to
 * enter a code on another site), records the flow on the server and seals its id and device code
 * into its cookie. Then back to the page, which shows the user code and starts polling.
 */
export async function startDevice(): Promise<Redirect> {
  try {
    const org = await orgConnection()
    const recorder = recorderFor(org)
    const auth = await clientFor(org, recorder).requestDeviceCode(org.scopes)
    if (!isVerificationUrl(auth.verificationUri, org.loginUrl))
      throw new FlowError(
        "UNTRUSTED_URL",
        `the verification URI (${auth.verificationUri}) is not on the org's domain`,
      )
    recorder.note(
      "Site → person: show the user code and the verification page",
      `Enter ${auth.userCode} at ${auth.verificationUri}; the site polls every ${auth.intervalS} s.`,
    )
    const now = Date.now()
    const state: DeviceState = {
      fid: crypto.randomBytes(18).toString("base64url"),
      dc: auth.deviceCode,
      ex: now + DEVICE_FLOW_TTL_S * 1000,
      tid: recorder.id,
    }
    const { userCode, verificationUri, intervalS } = auth
    deviceFlows().create(
      state.fid,
      { userCode, verificationUri, intervalS, expiresAt: state.ex },
      now,
    )
    return { location: PATH, cookies: [await seal(state, now)] }
  } catch (e) {
    return { location: "/flows/error", cookies: [await failureCookie(toFailure(e, "device"))] }
  }
}

/** The flow in progress in this browser, for the waiting page; undefined when there is none. */
export async function deviceWaiting(
  cookieHeader: string | null,
): Promise<DeviceWaiting | undefined> {
  const s = await readState(cookieHeader)
  const f = s && deviceFlows().get(s.fid)
  if (!s || !f || f.status === "done" || f.status === "failed") return undefined
  const { userCode, verificationUri, intervalS, expiresAt } = f
  return {
    flowId: s.fid,
    userCode,
    verificationUri,
    intervalS,
    expiresAt,
    notice: noticeOf(f, Date.now()),
  }
}

/**
 * A poll that does not ask the org: another poll holds this interval, or the flow already ended.
 * It sets no cookie: only the poll that asked the org may set or clear one, so a late answer can
 * never bring back a finished flow's cookie (C-130).
 */
function unasked(f: DeviceFlowRow, now: number): DevicePoll {
  if (f.status === "done") return { status: "done", location: "/inspector", cookies: [] }
  if (f.status === "failed") return { status: "failed", location: "/flows/error", cookies: [] }
  const retryAfterS = f.status === "signing-in" ? 1 : secondsUntil(f.nextPollAt, now)
  return { status: "pending", retryAfterS, notice: noticeOf(f, now), cookies: [] }
}

/**
 * Why a failed poll is worth waiting out, or undefined when it is a definite answer. RFC 8628 §3.5:
 * after a connection timeout the client lowers its polling frequency before retrying, and only an
 * error response other than authorization_pending or slow_down stops it. No answer, or the server's
 * own trouble (5xx, 429, whatever its body), is not such an answer (docs/security.md, C-130).
 */
function transientReason(e: unknown, httpStatus: number): string | undefined {
  if (e instanceof FlowError && e.code === "TIMEOUT") return "Salesforce did not answer in time"
  if (e instanceof FlowError && e.code === "NETWORK") return "Salesforce could not be reached"
  const fromServer =
    e instanceof SalesforceOAuthError ||
    (e instanceof FlowError && ["NON_JSON_RESPONSE", "UNEXPECTED_RESPONSE"].includes(e.code))
  if (fromServer && (httpStatus >= 500 || httpStatus === 429))
    return `Salesforce answered HTTP ${httpStatus}`
  return undefined
}

/**
 * One poll from the browser. The flow's poll state lives on the server (device-store.ts, C-130):
 * each poll claims the interval atomically, so however many polls arrive (tabs, *Check now*, a
 * replayed cookie, several instances) one asks the org per interval and the others are told when
 * to ask again. `authorization_pending` keeps waiting, `slow_down` waits 5 s longer for the rest
 * of the flow, no usable answer backs off (C-130); the tokens finish the sign-in as every flow
 * does; a refusal, and the flow's own expiry, land on the error page. `pageFlowId` is the flow the
 * page shows: a page whose flow was replaced by a newer *Start* is told so.
 */
export async function pollDeviceFlow(
  cookieHeader: string | null,
  pageFlowId?: string,
): Promise<DevicePoll> {
  const s = await readState(cookieHeader)
  const fail = async (e: unknown, clear = true): Promise<DevicePoll> => ({
    status: "failed",
    location: "/flows/error",
    cookies: [
      ...(clear ? [clearCookie(DEVICE_COOKIE, PATH)] : []),
      await failureCookie(toFailure(e, "device", { transcriptId: clear ? s?.tid : undefined })),
    ],
  })
  const store = deviceFlows()
  const f = s && store.get(s.fid)
  if (!s || !f)
    return fail(
      new FlowError(
        "FLOW_EXPIRED",
        "no Device flow is in progress in this browser: it finished, expired, or was started elsewhere",
      ),
    )
  // The cookie now belongs to the newer flow: leave it to the page that shows it.
  if (pageFlowId !== undefined && pageFlowId !== s.fid)
    return fail(
      new FlowError(
        "STATE_MISMATCH",
        "this page's code was replaced by a newer one started in another tab; use the newest page or start again",
      ),
      false,
    )
  const now = Date.now()
  if (now >= f.expiresAt && f.status === "waiting") {
    if (!store.finish(s.fid, "failed")) return unasked(store.get(s.fid) ?? f, now)
    return fail(
      f.failures
        ? new FlowError(
            "TIMEOUT",
            `the code ${f.userCode} expired while Salesforce was not answering the site's polls (last: ${f.notice})`,
          )
        : new FlowError(
            "DEVICE_CODE_EXPIRED",
            `nobody entered the code ${f.userCode} and allowed access within ${DEVICE_FLOW_TTL_S / 60} minutes`,
          ),
    )
  }
  const claimed = f.status === "waiting" ? store.claim(s.fid, now) : undefined
  if (!claimed) return unasked(store.get(s.fid) ?? f, now)

  let issued: { revoke: () => Promise<void> } | undefined
  try {
    const org = await orgConnection()
    const recorder = recorderFor(org, s.tid)
    // The HTTP status of the org's answer, to tell its own trouble (5xx) from a refusal.
    let httpStatus = 0
    const watched = (async (...args: Parameters<typeof fetch>) => {
      const res = await org.fetch(...args)
      httpStatus = res.status
      return res
    }) as typeof fetch
    const client = clientFor({ ...org, fetch: watched }, recorder)
    let response
    try {
      response = await client.pollDevice(s.dc)
    } catch (e) {
      if (e instanceof SalesforceOAuthError && e.error === "authorization_pending") {
        store.pending(s.fid, claimed.claim)
        return unasked(store.get(s.fid) ?? f, Date.now())
      }
      if (e instanceof SalesforceOAuthError && e.error === "slow_down") {
        const slowed = store.slowDown(s.fid, claimed.claim, now)
        return unasked(slowed ?? store.get(s.fid) ?? f, Date.now())
      }
      const reason = transientReason(e, httpStatus)
      if (!reason) throw e
      const backedOff = store.backOff(s.fid, claimed.claim, Date.now(), reason)
      const answer = unasked(backedOff ?? store.get(s.fid) ?? f, Date.now())
      if (answer.status === "pending")
        recorder.note(
          "Site: no usable answer, so it polls less often (RFC 8628 §3.5)",
          answer.notice ?? reason,
        )
      return answer
    }
    store.signingIn(s.fid)
    const token = response.refresh_token ?? response.access_token
    issued = { revoke: () => client.revoke(token) }
    const session = await completeSignIn("device", org, client, response, {
      requireSignature: true,
      transcriptId: recorder.id,
      facts: recorder,
    })
    store.finish(s.fid, "done")
    recorder.redirect(
      "Site → browser: session cookie, then the token inspector (303)",
      "/inspector",
    )
    return {
      status: "done",
      location: "/inspector",
      cookies: [clearCookie(DEVICE_COOKIE, PATH), ...(await sessionSetCookies(session))],
    }
  } catch (e) {
    // Tokens Salesforce issued before a check failed are not used: revoke them rather than leave them live.
    await issued?.revoke().catch(() => undefined)
    store.finish(s.fid, "failed")
    return fail(e)
  }
}
