import type {
  SalesforceDeviceCodeResponse,
  SalesforceTokenResponse,
} from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import {
  AccessDenied,
  AuthorizationPending,
  inactiveUser,
  InvalidGrant,
  InvalidRequest,
  InvalidScope,
  SlowDown,
} from "../errors"
import { hostRole } from "../hosts"
import { param } from "../http"
import type { ConnectedApp } from "../store/apps"
import { createDeviceRequest, pollDeviceRequest, redeemDeviceRequest } from "../store/device-codes"
import { isDeviceFlowEnabled } from "../store/device-settings"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { findUserById } from "../users"
import { authenticateClient } from "./client-auth"
import { issueTokens } from "./issue-tokens"
import { countLogin } from "./rate-limits"
import { checkGrantPolicies } from "./org-policies"

/**
 * Salesforce's Device flow (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_device_flow.htm)
 * has no device authorization endpoint of its own: the client posts `response_type=device_code`
 * to the token endpoint, then polls it with `grant_type=device` and `code=<device_code>`.
 */

/**
 * "device flow is not enabled for the app", as a real org answers an app without "Enable for
 * Device Flow" (https://github.com/forcedotcom/code-builder-feedback/issues/263; docs/fidelity.md, F-141).
 */
function requireDeviceFlow(ctx: EmulatorContext, app: ConnectedApp): void {
  if (!isDeviceFlowEnabled(ctx.db, app.clientId))
    throw new InvalidGrant("device flow is not enabled for the app")
}

/** Where the person goes: `/setup/connect` on the host the device asked (F-140). */
function verificationUri(ctx: EmulatorContext, req: Request): string {
  if (hostRole(ctx, req) === "login" && ctx.loginHost) {
    const protocol = new URL(ctx.baseUrl).protocol
    return `${protocol}//${ctx.loginHost}${ctx.basePath}/setup/connect`
  }
  return `${ctx.baseUrl}/setup/connect`
}

/**
 * Step 1, `response_type=device_code`: a device code for the client, a user code for the person,
 * where to enter it, and how often to poll. Salesforce sends no `expires_in` and no
 * `verification_uri_complete` (F-140, F-142).
 */
export function deviceAuthorization(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): SalesforceDeviceCodeResponse {
  // A device cannot keep a secret: none is required, but one that is sent must be right (F-12).
  const app = authenticateClient(ctx, req, form, { secretRequired: false })
  requireDeviceFlow(ctx, app)
  const { appScopes } = appOAuthPolicy(ctx.db, app.clientId)
  const asked = param(form, "scope")?.split(/[ +]/).filter(Boolean)
  const scopes = asked?.length ? [...new Set(asked)] : [...appScopes]
  if (scopes.some((s) => !appScopes.includes(s)))
    throw new InvalidScope("the requested scope is not allowed")
  const issued = createDeviceRequest(ctx.db, { clientId: app.clientId, scopes }, ctx.now())
  return {
    device_code: issued.deviceCode,
    user_code: issued.userCode,
    verification_uri: verificationUri(ctx, req),
    interval: issued.intervalS,
  }
}

/**
 * Step 2, `grant_type=device`: pending, too fast, denied, expired, or the tokens, once. A request
 * of another app, an unknown code and a code already redeemed get one answer, "token exchange
 * failed" (F-145), so a poll reveals nothing about codes the client does not hold.
 */
export async function deviceGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  const app = authenticateClient(ctx, req, form, { secretRequired: false })
  requireDeviceFlow(ctx, app)
  const code = param(form, "code")
  if (!code) throw new InvalidRequest("code must be provided")
  const now = ctx.now()
  const r = code.length > 512 ? undefined : pollDeviceRequest(ctx.db, code, now)
  if (!r || r.clientId !== app.clientId || r.status === "redeemed")
    throw new InvalidGrant("token exchange failed")
  if (r.expiresAt <= now) throw new InvalidGrant("expired authorization code")
  if (r.status === "denied") throw new AccessDenied("end-user denied authorization")
  if (r.status === "pending") {
    // RFC 8628 §3.5: a poll sooner than `interval` after the previous one is told to slow down.
    if (r.lastPollAt !== undefined && now - r.lastPollAt < r.intervalS * 1000)
      throw new SlowDown("polling too quickly for the token endpoint")
    throw new AuthorizationPending("authorization pending")
  }
  if (!redeemDeviceRequest(ctx.db, r.deviceHash)) throw new InvalidGrant("token exchange failed")
  const user = r.userId ? findUserById(ctx.db, r.userId) : undefined
  if (!user?.IsActive) throw inactiveUser()
  checkGrantPolicies(ctx, req, app.clientId, user, "device")
  countLogin(ctx, user.Id)
  return issueTokens(ctx, {
    app,
    user,
    scopes: r.scopes,
    authTime: r.authTime,
    refresh: {},
    signed: true,
    idToken: true,
  })
}
