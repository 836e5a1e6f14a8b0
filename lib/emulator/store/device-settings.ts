import type { Db } from "../db/open"
import { isBuiltInApp } from "./built-in-apps"

/**
 * The connected app's "Enable for Device Flow" (External Client Apps: `isDeviceFlowEnabled`,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.meta_configure_device_flow_external_client_apps.htm).
 * On for the lab's own app so its Device flow works from the start; a new app on Salesforce has
 * it off (docs/fidelity.md, F-141). Kept in the settings table, so "Reset the org" restores it.
 */
export const DEFAULT_DEVICE_FLOW_ENABLED = true

const key = (clientId: string) => `app-device-flow:${clientId}`

export function isDeviceFlowEnabled(db: Db, clientId: string): boolean {
  // "OAuth 2.0 Device Flow is Blocked in the Default `Salesforce CLI` Connected App" since 28 August
  // 2025 (https://github.com/forcedotcom/cli/issues/3368; docs/fidelity.md, F-172).
  if (isBuiltInApp(clientId)) return false
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(clientId)) as
    { value: string } | undefined
  return row ? row.value === "on" : DEFAULT_DEVICE_FLOW_ENABLED
}

export function setDeviceFlowEnabled(db: Db, clientId: string, on: boolean): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(clientId), on ? "on" : "off")
}
