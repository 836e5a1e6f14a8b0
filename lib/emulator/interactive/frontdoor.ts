import { safeStartUrl } from "../browser-session"
import type { EmulatorContext } from "../context"
import { readForm, redirect } from "../http"
import { opensUi } from "../oauth/singleaccess-endpoint"
import { redeemOtp } from "../store/frontdoor-otps"
import { activeAccessToken } from "../store/tokens"
import { findUserById } from "../users"
import { loginForm } from "./login"
import { loginVerdict, openSession } from "./login-policy"

/**
 * `/secur/frontdoor.jsp`: opens a browser session without a password, from an access token
 * (`sid=`, with `retURL=`), or from a one-time URL of `/services/oauth2/singleaccess` (`otp=`,
 * with the `startURL` it was minted for), then redirects into the org, by default to its home page,
 * which says who is logged in
 * (https://help.salesforce.com/s/articleView?id=xcloud.security_frontdoorjsp.htm&type=5). Anything
 * unusable lands on the login page instead. The destination is always a path in the org (no open
 * redirect: docs/security.md, S-200). GET or a form POST, which keeps the token out of URLs.
 * (docs/fidelity.md, F-102, F-103.) A token or OTP replaces the password, not the org's login
 * policies: whoever the login page refuses gets its refusal here too (F-176 to F-180).
 */
export async function frontdoor(ctx: EmulatorContext, req: Request): Promise<Response> {
  const q =
    req.method === "POST"
      ? await readForm(req).catch(() => new URLSearchParams())
      : new URL(req.url).searchParams
  const now = ctx.now()
  let userId: string | undefined
  let startUrl = safeStartUrl(ctx, q.get("retURL") ?? q.get("startURL"))
  const otp = q.get("otp")
  const sid = q.get("sid")
  if (otp) {
    const redeemed = redeemOtp(ctx.db, otp, now)
    userId = redeemed?.userId
    if (redeemed) startUrl = redeemed.startUrl
  } else if (sid && sid.length <= 512) {
    const token = activeAccessToken(ctx.db, sid, now)
    if (token && opensUi(token.scopes)) userId = token.userId
  }
  const user = userId ? findUserById(ctx.db, userId) : undefined
  if (!user?.IsActive) return redirect(`${ctx.basePath}/login`)
  const verdict = loginVerdict(ctx, req, user, startUrl)
  if (!verdict.ok)
    return loginForm(ctx, req, { startUrl, error: verdict.message, status: verdict.status })
  return redirect(startUrl, { "set-cookie": openSession(ctx, user.Id, verdict.onlyFor) })
}
