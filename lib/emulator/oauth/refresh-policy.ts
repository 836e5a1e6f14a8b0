import type { EmulatorContext } from "../context"
import { familyTimes } from "../store/refresh-tokens"
import type { OrgSettings } from "../store/settings"

/**
 * When the app's Refresh Token Policy ends a refresh token's family, in ms; undefined while the
 * policy is "valid until revoked". "Expire after N" counts from the approval (the family's first
 * token), "expire if not used for N" from its last use
 * (https://help.salesforce.com/s/articleView?id=sf.connected_app_manage_oauth.htm&type=5;
 * docs/fidelity.md, F-163). The refresh grant and introspection both ask this, so a token the
 * token endpoint refuses is never reported active.
 */
export function refreshFamilyEndsAt(
  ctx: EmulatorContext,
  family: string,
  settings: Pick<OrgSettings, "refreshTokenPolicy" | "refreshTokenPolicyMinutes">,
): number | undefined {
  if (settings.refreshTokenPolicy === "until-revoked") return undefined
  const n = settings.refreshTokenPolicyMinutes * 60_000
  const { startedAt, lastUsedAt } = familyTimes(ctx.db, family)
  return (settings.refreshTokenPolicy === "expire-after" ? startedAt : lastUsedAt) + n
}

export function refreshFamilyExpired(
  ctx: EmulatorContext,
  family: string,
  settings: Pick<OrgSettings, "refreshTokenPolicy" | "refreshTokenPolicyMinutes">,
): boolean {
  const endsAt = refreshFamilyEndsAt(ctx, family, settings)
  return endsAt !== undefined && ctx.now() > endsAt
}
