import "server-only"
import type { Redirect } from "@/lib/http/respond"
import { sessionSetCookies } from "@/lib/auth/session-cookie"
import { clearCookie, sealCookie, unsealCookie } from "@/lib/auth/sealed-cookie"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { isOrgUrl } from "@/lib/salesforce/login-host"
import { clientFor, orgConnection, recorderFor } from "@/lib/org/connection"
import { completeSignIn } from "./shared/complete-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"

export const DEVICE_COOKIE = "sfl_device"
const PURPOSE = "device flow"
const PATH = "/flows/device"
/**
 * How long the site waits for the person. Salesforce sends no `expires_in` and documents no
 * lifetime; the embedded org's codes live 10 minutes (docs/fidelity.md, F-142).
 */
export const DEVICE_FLOW_TTL_S = 10 * 60
/** RFC 8628 §3.5: after `slow_down` the client adds 5 seconds to its interval, for good. */
const SLOW_DOWN_STEP_S = 5

/**
 * The flow's state, sealed into an HttpOnly cookie (never server memory, so any instance answers
 * the next poll; never readable by the page's script, so the device code stays on the server side).
 */
interface DeviceState {
  /** The device code: what trades for tokens. */
  dc: string
  uc: string
  vu: string
  /** Interval in seconds, grown by each slow_down. */
  iv: number
  /** When the site last asked Salesforce (ms), 0 before the first poll. */
  lp: number
  /** When the flow gives up (ms). */
  ex: number
  tid: string
}

/** What the waiting page shows. */
export interface DeviceWaiting {
  userCode: string
  verificationUri: string
  intervalS: number
  expiresAt: number
}

/** A poll's outcome: keep waiting (and when to ask again), or go to the inspector or error page. */
export type DevicePoll =
  | { status: "pending"; retryAfterS: number; cookies: string[] }
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

const readState = (cookieHeader: string | null) =>
  unsealCookie<DeviceState & { exp: number; [k: string]: unknown }>(
    cookieHeader,
    DEVICE_COOKIE,
    PURPOSE,
  )

/**
 * *Start*: asks Salesforce for a device code (`response_type=device_code`), checks that the
 * verification page it names is on the org's own domain (the site must never send a person to
 * enter a code on another site), and seals the flow into its cookie. Then back to the page, which
 * shows the user code and starts polling.
 */
export async function startDevice(): Promise<Redirect> {
  try {
    const org = await orgConnection()
    const recorder = recorderFor(org)
    const auth = await clientFor(org, recorder).requestDeviceCode(org.scopes)
    if (!isOrgUrl(auth.verificationUri, org.loginUrl))
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
      dc: auth.deviceCode,
      uc: auth.userCode,
      vu: auth.verificationUri,
      iv: auth.intervalS,
      lp: 0,
      ex: now + DEVICE_FLOW_TTL_S * 1000,
      tid: recorder.id,
    }
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
  return s && { userCode: s.uc, verificationUri: s.vu, intervalS: s.iv, expiresAt: s.ex }
}

/**
 * One poll from the browser. The site asks Salesforce at most once per interval per flow, however
 * often the browser asks (the last poll's time is in the sealed cookie: docs/security.md, C-130);
 * `authorization_pending` keeps waiting, `slow_down` waits longer; the tokens finish the sign-in
 * as every flow does; anything else, and the flow's own expiry, lands on the error page.
 */
export async function pollDeviceFlow(cookieHeader: string | null): Promise<DevicePoll> {
  const clear = clearCookie(DEVICE_COOKIE, PATH)
  const s = await readState(cookieHeader)
  const fail = async (e: unknown): Promise<DevicePoll> => ({
    status: "failed",
    location: "/flows/error",
    cookies: [clear, await failureCookie(toFailure(e, "device", { transcriptId: s?.tid }))],
  })
  if (!s)
    return fail(
      new FlowError(
        "FLOW_EXPIRED",
        "no Device flow is in progress in this browser: it finished, expired, or was started elsewhere",
      ),
    )
  const now = Date.now()
  if (now >= s.ex)
    return fail(
      new FlowError(
        "DEVICE_CODE_EXPIRED",
        `nobody entered the code ${s.uc} and allowed access within ${DEVICE_FLOW_TTL_S / 60} minutes`,
      ),
    )
  const wait = s.lp + s.iv * 1000 - now
  if (wait > 0) return { status: "pending", retryAfterS: Math.ceil(wait / 1000), cookies: [] }

  let issued: { revoke: () => Promise<void> } | undefined
  try {
    const org = await orgConnection()
    const recorder = recorderFor(org, s.tid)
    const client = clientFor(org, recorder)
    let response
    try {
      response = await client.pollDevice(s.dc)
    } catch (e) {
      if (e instanceof SalesforceOAuthError && e.error === "authorization_pending")
        return {
          status: "pending",
          retryAfterS: s.iv,
          cookies: [await seal({ ...s, lp: now }, now)],
        }
      if (e instanceof SalesforceOAuthError && e.error === "slow_down") {
        const iv = s.iv + SLOW_DOWN_STEP_S
        return {
          status: "pending",
          retryAfterS: iv,
          cookies: [await seal({ ...s, iv, lp: now }, now)],
        }
      }
      throw e
    }
    const token = response.refresh_token ?? response.access_token
    issued = { revoke: () => client.revoke(token) }
    const session = await completeSignIn("device", org, client, response, {
      requireSignature: true,
      transcriptId: recorder.id,
      facts: recorder,
    })
    recorder.redirect(
      "Site → browser: session cookie, then the token inspector (303)",
      "/inspector",
    )
    return {
      status: "done",
      location: "/inspector",
      cookies: [clear, ...(await sessionSetCookies(session))],
    }
  } catch (e) {
    // Tokens Salesforce issued before a check failed are not used: revoke them rather than leave them live.
    await issued?.revoke().catch(() => undefined)
    return fail(e)
  }
}
