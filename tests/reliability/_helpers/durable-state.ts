import { OrgClient } from "./org-client"

/** The org's default app scopes (lib/emulator/store/settings.ts): the settings form must send them back. */
const APP_SCOPES = [
  "api",
  "web",
  "refresh_token",
  "offline_access",
  "openid",
  "id",
  "profile",
  "email",
  "address",
  "phone",
]

/**
 * State set up through the org's HTTP endpoints before a crash, to check after the restart:
 * changed settings, pre-authorizations, a user's approval, a live and a revoked refresh token,
 * and a code that was already redeemed.
 */
export interface DurableState {
  liveRefresh: string
  revokedRefresh: string
  revokedAccess: string
  usedCode: string
}

/**
 * As the administrator: turns refresh-token rotation on, sets a 4-hour access-token lifetime
 * (both off the defaults) and pre-authorizes `preauthorizedIds` (the JWT Bearer users).
 */
export async function saveSettings(org: OrgClient, preauthorizedIds: string[]): Promise<void> {
  const { jar, csrf } = await org.adminSettings()
  const form = new URLSearchParams({
    _csrf: csrf,
    appPolicy: "self-authorize",
    refreshTokenRotation: "on",
    accessTokenMinutes: "240",
  })
  for (const s of APP_SCOPES) form.append("appScopes", s)
  for (const id of preauthorizedIds) form.append("preauthorized", id)
  const res = await jar.fetch("/settings", {
    method: "POST",
    body: form.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded", origin: jar.origin },
  })
  if (res.status !== 303 || !res.headers.get("location")?.endsWith("done=saved"))
    throw new Error(`settings not saved: HTTP ${res.status}`)
}

export async function makeDurableState(
  org: OrgClient,
  user: { username: string; password: string },
): Promise<DurableState> {
  const tokens = async () => {
    const res = await org.redeem(await org.codeFor(user))
    if (res.status !== 200) throw new Error(`code redemption: HTTP ${res.status}`)
    return (await res.json()) as { access_token: string; refresh_token: string }
  }
  const live = await tokens()
  const revoked = await tokens()
  if ((await org.revoke(revoked.refresh_token)).status !== 200) throw new Error("revoke failed")
  const usedCode = await org.codeFor(user)
  if ((await org.redeem(usedCode)).status !== 200)
    throw new Error("first redemption of the used code failed")
  return {
    liveRefresh: live.refresh_token,
    revokedRefresh: revoked.refresh_token,
    revokedAccess: revoked.access_token,
    usedCode,
  }
}

/** What the settings page shows (as the administrator): the checked options and listed approvals. */
export async function settingsPage(org: OrgClient): Promise<{
  rotation: boolean
  minutes: string | undefined
  preauthorized: Set<string>
  approvals: string
}> {
  const { html } = await org.adminSettings()
  const checked = (id: string) => new RegExp(`id="${id}"[^>]*\\schecked`).test(html)
  const preauthorized = new Set(
    [...html.matchAll(/name="preauthorized" value="(\w+)" checked/g)].map((m) => m[1]!),
  )
  return {
    rotation: checked("refreshTokenRotation-on"),
    minutes: /<option value="(\d+)" selected>/.exec(html)?.[1],
    preauthorized,
    approvals: html.slice(html.indexOf("Users' approvals")),
  }
}
