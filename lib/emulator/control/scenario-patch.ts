import type { Db } from "../db/open"
import { saveAppSecretSettings, type AppSecretSettings } from "../store/app-settings"
import { applyOrgPatch, type OrgPatch } from "../store/org-patch"
import { getApp, setPreauthorized } from "../store/apps"
import { deleteApproval, getApproval, recordApproval } from "../store/approvals"
import { saveClientCredentialsSettings } from "../store/client-credentials"
import { setDeviceFlowEnabled } from "../store/device-settings"
import { getSettings, saveSettings, type OrgSettings } from "../store/settings"
import { revokeUserAppTokens } from "../store/tokens"
import { findUserByUsername } from "../users"

/**
 * One change a scenario makes to the org, in terms of settings that exist on its settings page.
 * Each field is optional; what a `break` patch names, its `fix` patch names too (scenario-patches.ts
 * and its test), so fixing undoes exactly what breaking did.
 */
export interface ScenarioPatch {
  /** OAuth and org policies (store/settings.ts). */
  settings?: Partial<OrgSettings>
  /** The app's "Require Secret for Web Server Flow" / "… Refresh Token Flow". */
  appSecrets?: Partial<AppSecretSettings>
  /** The app's Client Credentials flow and its Run-As user (by username; undefined: none). */
  clientCredentials?: { enabled: boolean; runAsUsername?: string }
  /** The app's "Enable for Device Flow". */
  deviceFlow?: boolean
  /** The users pre-authorized for the app (profiles / permission sets), by username. */
  preauthorized?: string[]
  /** A user's approval of the app: given with these scopes, or revoked (null). */
  approval?: { username: string; scopes: string[] | null }
  /**
   * The 2025–26 org policies (the app installed, API Access Control, a user's permissions, Freeze,
   * Login IP Ranges, high-assurance sessions), as the settings page sets them: store/org-patch.ts,
   * checked by its schema and applied in this patch's transaction.
   */
  policies?: OrgPatch
}

export class ScenarioPatchError extends Error {}

const userId = (db: Db, username: string) => {
  const u = findUserByUsername(db, username)
  if (!u) throw new ScenarioPatchError(`no user ${username}`)
  return u.Id
}

/** Applies a patch to the site's app in one transaction. */
export function applyScenarioPatch(db: Db, clientId: string, p: ScenarioPatch, now: number): void {
  if (!getApp(db, clientId)) throw new ScenarioPatchError("the site's app is not registered")
  db.transaction(() => {
    if (p.settings) saveSettings(db, { ...getSettings(db), ...p.settings })
    if (p.appSecrets) saveAppSecretSettings(db, clientId, p.appSecrets)
    if (p.clientCredentials)
      saveClientCredentialsSettings(db, clientId, {
        enabled: p.clientCredentials.enabled,
        runAsUserId: p.clientCredentials.runAsUsername
          ? userId(db, p.clientCredentials.runAsUsername)
          : undefined,
      })
    if (p.deviceFlow !== undefined) setDeviceFlowEnabled(db, clientId, p.deviceFlow)
    if (p.preauthorized)
      setPreauthorized(
        db,
        clientId,
        p.preauthorized.map((u) => userId(db, u)),
      )
    if (p.approval) {
      const id = userId(db, p.approval.username)
      const existing = getApproval(db, id, clientId)
      if (existing) deleteApproval(db, existing.id)
      // As *Revoke* on the settings page: the user's tokens for the app stop working too.
      if (!p.approval.scopes) revokeUserAppTokens(db, id, clientId, now)
      if (p.approval.scopes) recordApproval(db, id, clientId, p.approval.scopes, now)
    }
    // Nested in this transaction (better-sqlite3 makes it a savepoint): all of the patch or none.
    if (p.policies) {
      try {
        applyOrgPatch(db, clientId, p.policies)
      } catch (e) {
        throw new ScenarioPatchError(e instanceof Error ? e.message : String(e))
      }
    }
  })()
}
