import type { EmulatorContext } from "../context"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import { familyTimes, type RefreshRecord } from "../store/refresh-tokens"

/**
 * When the app's Refresh Token Policy ends a refresh token's family, in ms; undefined while the
 * policy is "valid until revoked". "Expire after N" counts from the approval (the family's first
 * token), "expire if not used for N" from its last use
 * (https://help.salesforce.com/s/articleView?id=sf.connected_app_manage_oauth.htm&type=5;
 * docs/fidelity.md, F-163). The policy is that of the token's own app (the Salesforce CLI's never
 * ends, F-100). The refresh grant and introspection both ask this, so a token the token endpoint
 * refuses is never reported active.
 */
export function refreshFamilyEndsAt(
  ctx: EmulatorContext,
  rt: Pick<RefreshRecord, "family" | "clientId">,
): number | undefined {
  const policy = appOAuthPolicy(ctx.db, rt.clientId)
  if (policy.refreshTokenPolicy === "until-revoked") return undefined
  const n = policy.refreshTokenPolicyMinutes * 60_000
  const { startedAt, lastUsedAt } = familyTimes(ctx.db, rt.family)
  return (policy.refreshTokenPolicy === "expire-after" ? startedAt : lastUsedAt) + n
}

export function refreshFamilyExpired(
  ctx: EmulatorContext,
  rt: Pick<RefreshRecord, "family" | "clientId">,
): boolean {
  const endsAt = refreshFamilyEndsAt(ctx, rt)
  return endsAt !== undefined && ctx.now() > endsAt
}
