import type { Db } from "../db/open"

/**
 * The app's asset token settings, as Setup shows them on a connected app (API (Enable OAuth
 * Settings) → "Enable Asset Tokens", https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.shr_api_enable_oauth_settings_enable_asset_tokens.htm)
 * and as an External Client App's metadata names them (`assetTokenAudiences`, "required for the
 * OAuth asset token flow", https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta/meta_extlclntappoauthsettings.htm).
 * `requireSignedActor` is the lab's own switch: Salesforce checks an actor token's signature
 * whenever it carries a `cnf` key (docs/fidelity.md, F-254). Kept in the settings table, so
 * "Reset the org" restores the defaults.
 */
export interface AssetTokenSettings {
  enabled: boolean
  /** "Token Valid for": the asset token's lifetime, in minutes. */
  minutes: number
  /** "Asset Audiences": every asset token's `aud`. */
  audiences: string[]
  /** Refuse an actor token that is not signed (alg `none`). */
  requireSignedActor: boolean
}

/** The lifetimes the settings page offers, in minutes. */
export const ASSET_TOKEN_MINUTES = [1, 5, 10, 30, 60] as const

/** On for the lab's own app so the flow works from the start (a new Salesforce app has it off). */
export const DEFAULT_ASSET_TOKEN_SETTINGS: Readonly<AssetTokenSettings> = {
  enabled: true,
  minutes: 10,
  audiences: ["https://device-backend.example.com"],
  requireSignedActor: false,
}

const MAX_AUDIENCES = 5
const key = (clientId: string) => `app-asset-tokens:${clientId}`

/** Audiences as typed on the settings page: one per line or comma-separated, absolute URLs or URNs. */
export function parseAudiences(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[\s,]+/)
        .map((a) => a.trim())
        .filter((a) => a.length > 0 && a.length <= 255 && /^[a-z][a-z0-9+.-]*:\S+$/i.test(a)),
    ),
  ].slice(0, MAX_AUDIENCES)
}

/** `ownApp`: the lab's own app has the flow on by default; any other app (PlatformCLI…) off. */
export function getAssetTokenSettings(db: Db, clientId: string, ownApp = true): AssetTokenSettings {
  const row = db.prepare("SELECT value FROM settings WHERE key = ?").get(key(clientId)) as
    { value: string } | undefined
  if (!row) return { ...DEFAULT_ASSET_TOKEN_SETTINGS, enabled: ownApp }
  const saved = JSON.parse(row.value) as Partial<AssetTokenSettings>
  return { ...DEFAULT_ASSET_TOKEN_SETTINGS, ...saved }
}

export function saveAssetTokenSettings(db: Db, clientId: string, s: AssetTokenSettings): void {
  db.prepare(
    "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
  ).run(key(clientId), JSON.stringify(s))
}

/** Reads the settings page's asset token fields; a lifetime not offered, or no valid audience, keeps the current one. */
export function assetTokenSettingsFromForm(
  form: URLSearchParams,
  current: AssetTokenSettings,
): AssetTokenSettings {
  const minutes = Number(form.get("assetTokenMinutes"))
  const audiences = parseAudiences(form.get("assetAudiences") ?? "")
  return {
    enabled: form.get("assetTokensEnabled") === "on",
    requireSignedActor: form.get("assetRequireSignedActor") === "on",
    minutes: (ASSET_TOKEN_MINUTES as readonly number[]).includes(minutes)
      ? minutes
      : current.minutes,
    audiences: audiences.length ? audiences : current.audiences,
  }
}
