import type { EmulatorContext } from "../context"
import { InvalidGrant, RateLimitExceeded } from "../errors"
import { takeSlot } from "../store/rate-limits"
import { getSettings } from "../store/settings"

const HOUR = 3_600_000
const MINUTE = 60_000

/**
 * A login at the token endpoint (every grant that issues tokens for a user) counts against the
 * user's hourly allowance: "Login requests exceeding 3,600 requests per hour per user will be
 * blocked" (https://help.salesforce.com/s/articleView?id=000381578&type=1). The wire answer is HTTP
 * 400 `invalid_grant` / `login rate exceeded`, as captured from a real org
 * (https://github.com/n8n-io/n8n/issues/31948; docs/fidelity.md, F-65).
 */
export function countLogin(ctx: EmulatorContext, userId: string): void {
  if (!ctx.rateLimits) return
  const limit = getSettings(ctx.db).loginsPerUserPerHour
  if (!takeSlot(ctx.db, `login:${userId}`, limit, HOUR, ctx.now()))
    throw new InvalidGrant("login rate exceeded")
}

/**
 * Authorize requests per connected app and minute. Salesforce documents the error
 * (`rate_limit_exceeded`, "Number of logins exceeded",
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_flow_errors.htm) but
 * no number; the org's is a setting (docs/fidelity.md, F-66). Thrown after `client_id` and
 * `redirect_uri` are proven, so it goes back to the client's callback like the other errors.
 */
export function countAuthorize(ctx: EmulatorContext, clientId: string): void {
  if (!ctx.rateLimits) return
  const limit = getSettings(ctx.db).authorizePerClientPerMinute
  if (!takeSlot(ctx.db, `authorize:${clientId}`, limit, MINUTE, ctx.now()))
    throw new RateLimitExceeded("number of logins exceeded")
}

/**
 * Introspection requests per authenticated app and minute, so a client cannot test token guesses
 * at will (docs/security.md, S-84). Salesforce documents no limit (docs/fidelity.md, F-67).
 */
export function countIntrospection(ctx: EmulatorContext, clientId: string): void {
  if (!ctx.rateLimits) return
  const limit = getSettings(ctx.db).introspectPerClientPerMinute
  if (!takeSlot(ctx.db, `introspect:${clientId}`, limit, MINUTE, ctx.now()))
    throw new RateLimitExceeded("too many introspection requests: wait a minute")
}

/** A browser session's (and a user's) user-code attempts in any 15 minutes. */
export const DEVICE_CODE_ATTEMPTS_PER_SESSION = 10
/** The whole org's user-code attempts in any minute, however many sessions and users try. */
export const DEVICE_CODE_ATTEMPTS_PER_ORG = 120

/**
 * One attempt at a user code on the verification page (entering it, or answering for it), counted
 * per browser session, per user and for the whole org, so nobody can walk the code space
 * (RFC 8628 §5.1, https://www.rfc-editor.org/rfc/rfc8628#section-5.1; docs/security.md, S-220).
 * Salesforce documents no number (docs/fidelity.md, F-147). False when an allowance is spent.
 */
export function countUserCodeAttempt(
  ctx: EmulatorContext,
  who: { session: string; userId: string },
): boolean {
  if (!ctx.rateLimits) return true
  const now = ctx.now()
  return (
    // The session's and user's own allowances first: a blocked guesser stops there and cannot
    // spend the org-wide allowance that everybody else shares.
    takeSlot(
      ctx.db,
      `device-code:session:${who.session}`,
      DEVICE_CODE_ATTEMPTS_PER_SESSION,
      15 * MINUTE,
      now,
    ) &&
    takeSlot(
      ctx.db,
      `device-code:user:${who.userId}`,
      DEVICE_CODE_ATTEMPTS_PER_SESSION,
      15 * MINUTE,
      now,
    ) &&
    takeSlot(ctx.db, "device-code:org", DEVICE_CODE_ATTEMPTS_PER_ORG, MINUTE, now)
  )
}
