import { sealForRequest, sidCookie } from "../browser-session"
import { clientIp } from "../client-ip"
import type { EmulatorContext } from "../context"
import { hostRole } from "../hosts"
import { LOGIN_FAILED } from "../pages/login-page"
import type { SeedUser } from "../seed/seed-user"
import { getAppPolicies } from "../store/app-policies"
import { loadPending } from "../store/auth-requests"
import { createSession } from "../store/sessions"
import { getSettings } from "../store/settings"
import { getUserPolicy, ipAllowed } from "../store/user-policies"

/**
 * A frozen user's login, and a login from outside the user's Login IP Ranges, get Salesforce's one
 * generic answer (third-party capture of the frozen case, https://simplysfdc.com/2014/05/salesforce-freeze-user-for-major.html;
 * docs/fidelity.md, F-179, F-180).
 */
export const LOGIN_RESTRICTED =
  "Your login attempt has failed. The username or password may be incorrect, or your location or login time may be restricted. Please contact the administrator at your company for help."

/**
 * An API Only user gets "Insufficient Privileges" instead of the UI
 * (https://help.salesforce.com/s/articleView?id=000386367&type=1; docs/fidelity.md, F-178).
 */
export const LOGIN_API_ONLY =
  "Insufficient Privileges: You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary."

/** The authorize request parked behind this login (`/resume?request=…`) and its app, if any. */
function parkedRequest(ctx: EmulatorContext, startUrl: string) {
  const u = new URL(startUrl, ctx.baseUrl)
  if (u.pathname !== `${ctx.basePath}/resume`) return undefined
  const id = u.searchParams.get("request")
  const pending = loadPending(ctx.db, id, ctx.now())
  return id && pending ? { id, clientId: pending.request.clientId } : undefined
}

/**
 * What the org's login policies make of a login whose password is right and whose user is active:
 * refused (with the text and status the login page shows), or let in: to a session, or, with
 * `onlyFor` (a parked authorize request's id), to a session for that request alone.
 */
export type LoginVerdict =
  { ok: false; message: string; status: number } | { ok: true; onlyFor?: string }

/**
 * The org's login policies, in order: the My Domain login policy, Freeze, API Only User, then Login
 * IP Ranges. Applied wherever a browser session starts, the login page and frontdoor.jsp alike
 * (docs/fidelity.md, F-102, F-176 to F-180). Outside the ranges, a login for a parked request of an
 * app whose IP Relaxation is "Relax IP restrictions" goes ahead for that request only: the app's
 * exemption covers its OAuth flow, not the org (F-180).
 */
export function loginVerdict(
  ctx: EmulatorContext,
  req: Request,
  user: SeedUser,
  startUrl: string,
): LoginVerdict {
  // "Prevent login from https://login.salesforce.com": the attempt fails as a wrong password does
  // (unverified wording; Login History says "Restricted Domain",
  // https://help.salesforce.com/s/articleView?id=000339170&type=1; F-176).
  if (getSettings(ctx.db).preventLoginAtLoginHost && hostRole(ctx, req) === "login")
    return { ok: false, message: LOGIN_FAILED, status: 401 }
  const perms = getUserPolicy(ctx.db, user.Id)
  if (perms.frozen) return { ok: false, message: LOGIN_RESTRICTED, status: 403 }
  if (perms.apiOnly) return { ok: false, message: LOGIN_API_ONLY, status: 403 }
  if (ipAllowed(perms.loginIpRanges, clientIp(req))) return { ok: true }
  const parked = parkedRequest(ctx, startUrl)
  if (parked && getAppPolicies(ctx.db, parked.clientId).ipRelaxation === "relax")
    return { ok: true, onlyFor: parked.id }
  return { ok: false, message: LOGIN_RESTRICTED, status: 403 }
}

/**
 * Opens the browser session of a login the policies let through and returns its Set-Cookie. A
 * login allowed for one parked request only gets a cookie sealed to it (browser-session.ts).
 */
export function openSession(ctx: EmulatorContext, userId: string, onlyFor?: string): string {
  const sid = createSession(ctx.db, userId, ctx.now())
  return sidCookie(ctx, onlyFor ? sealForRequest(ctx, sid, onlyFor) : sid)
}
