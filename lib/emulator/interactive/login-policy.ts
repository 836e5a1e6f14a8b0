import { clientIp } from "../client-ip"
import type { EmulatorContext } from "../context"
import { hostRole } from "../hosts"
import { LOGIN_FAILED } from "../pages/login-page"
import type { SeedUser } from "../seed/seed-user"
import { getAppPolicies } from "../store/app-policies"
import { loadPending } from "../store/auth-requests"
import { getSettings } from "../store/settings"
import { getUserPolicy, ipAllowed } from "../store/user-policies"

/**
 * A frozen user's login, and a login from outside the user's Login IP Ranges, get Salesforce's one
 * generic answer (third-party capture of the frozen case, https://simplysfdc.com/2014/05/salesforce-freeze-user-for-major.html;
 * docs/fidelity.md, F-178, F-180).
 */
export const LOGIN_RESTRICTED =
  "Your login attempt has failed. The username or password may be incorrect, or your location or login time may be restricted. Please contact the administrator at your company for help."

/**
 * An API Only user gets "Insufficient Privileges" instead of the UI
 * (https://help.salesforce.com/s/articleView?id=000386367&type=1; docs/fidelity.md, F-177).
 */
export const LOGIN_API_ONLY =
  "Insufficient Privileges: You do not have the level of access necessary to perform the operation you requested. Please contact the owner of the record or your administrator if access is necessary."

/** The app an authorize request parked behind this login belongs to, if any (`/resume?request=…`). */
function pendingClientId(ctx: EmulatorContext, startUrl: string): string | undefined {
  const u = new URL(startUrl, ctx.baseUrl)
  if (u.pathname !== `${ctx.basePath}/resume`) return undefined
  return loadPending(ctx.db, u.searchParams.get("request"), ctx.now())?.request.clientId
}

/**
 * The org's login policies, after the password is right and the user active: the My Domain login
 * policy, Freeze, API Only User, then Login IP Ranges (lifted when the login is for an app whose IP
 * Relaxation is "Relax IP restrictions"). Undefined: the login may go ahead.
 */
export function loginRefusal(
  ctx: EmulatorContext,
  req: Request,
  user: SeedUser,
  startUrl: string,
): { message: string; status: number } | undefined {
  // "Prevent login from https://login.salesforce.com": the attempt fails as a wrong password does
  // (unverified wording; Login History says "Restricted Domain",
  // https://help.salesforce.com/s/articleView?id=000339170&type=1; F-176).
  if (getSettings(ctx.db).preventLoginAtLoginHost && hostRole(ctx, req) === "login")
    return { message: LOGIN_FAILED, status: 401 }
  const perms = getUserPolicy(ctx.db, user.Id)
  if (perms.frozen) return { message: LOGIN_RESTRICTED, status: 403 }
  if (perms.apiOnly) return { message: LOGIN_API_ONLY, status: 403 }
  if (!ipAllowed(perms.loginIpRanges, clientIp(req))) {
    const clientId = pendingClientId(ctx, startUrl)
    const relaxed =
      clientId !== undefined && getAppPolicies(ctx.db, clientId).ipRelaxation === "relax"
    if (!relaxed) return { message: LOGIN_RESTRICTED, status: 403 }
  }
  return undefined
}
