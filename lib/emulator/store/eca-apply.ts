import crypto from "node:crypto"
import type { EcaDeclaration } from "@/lib/salesforce/eca/parse"
import type { Db } from "../db/open"
import { USERS } from "../seed/records"
import { saveAppSecretSettings } from "./app-settings"
import { saveRegistrationOverride } from "./app-registration"
import { callbackUrlProblem } from "./apps"
import { runAsRefusal, saveClientCredentialsSettings } from "./client-credentials"
import { getClientCredentialsSettings } from "./client-credentials"
import { setDeviceFlowEnabled } from "./device-settings"
import type { IpRelaxation } from "./app-policies"
import { applyOrgPatch } from "./org-patch"
import {
  ACCESS_TOKEN_MINUTES,
  getSettings,
  REFRESH_POLICY_MAX_MINUTES,
  saveSettings,
  SCOPE_DESCRIPTIONS,
  type OrgSettings,
} from "./settings"

/** What an import did, line by line, for the result page. */
export interface EcaApplyReport {
  applied: string[]
  /** Declared, but the org has no such policy yet (or not that value). */
  notModelled: string[]
  /** Declared, not applied, with why. */
  refused: string[]
}

const IP_RELAXATION_OF: Readonly<Record<string, IpRelaxation | undefined>> = {
  Enforce: "enforce",
  Enforce_RelaxRefresh: "enforce-relax-refresh",
  Bypass: "relax",
}

const UNIT_MINUTES = { Hours: 60, Days: 1440, Months: 43_200 } as const

/**
 * Applies an imported External Client App to the org's app `clientId`: each policy the org models,
 * in one transaction; what the org does not model is reported, never dropped (docs/fidelity.md,
 * F-204, F-205); IP relaxation and high-assurance sessions go through applyOrgPatch (F-180, F-181). Callback URLs and the certificate stand
 * until "Reset the org" brings back the site's own (store/app-registration.ts, F-206).
 */
export function applyEcaDeclaration(db: Db, clientId: string, d: EcaDeclaration): EcaApplyReport {
  const r: EcaApplyReport = { applied: [], notModelled: [], refused: [] }
  const p = d.policies
  const s: OrgSettings = getSettings(db)
  if (p.pkceRequired !== undefined) {
    s.requirePkce = p.pkceRequired
    r.applied.push(`Require PKCE: ${p.pkceRequired ? "on" : "off"}`)
  }
  if (p.refreshTokenRotation !== undefined) {
    s.refreshTokenRotation = p.refreshTokenRotation
    r.applied.push(`Refresh token rotation: ${p.refreshTokenRotation ? "on" : "off"}`)
  }
  if (p.permittedUsers) {
    s.appPolicy =
      p.permittedUsers === "AdminApprovedPreAuthorized" ? "admin-approved" : "self-authorize"
    r.applied.push(`Permitted Users: ${p.permittedUsers}`)
  }
  const rt = p.refreshTokenPolicy
  if (rt?.type === "Infinite") {
    s.refreshTokenPolicy = "until-revoked"
    r.applied.push("Refresh Token Policy: valid until revoked")
  } else if (rt?.type === "Zero") {
    r.notModelled.push("Refresh Token Policy: Zero (expire immediately)")
  } else if (rt && (!rt.period || !rt.unit)) {
    r.refused.push(`Refresh Token Policy ${rt.type}: no refreshTokenValidityPeriod and Unit`)
  } else if (rt) {
    const minutes = rt.period! * UNIT_MINUTES[rt.unit!]
    if (minutes > REFRESH_POLICY_MAX_MINUTES)
      r.refused.push(
        `Refresh Token Policy: ${rt.period} ${rt.unit} is past this org's one-year bound`,
      )
    else {
      s.refreshTokenPolicy = rt.type === "SpecificLifetime" ? "expire-after" : "expire-unused"
      s.refreshTokenPolicyMinutes = minutes
      r.applied.push(
        `Refresh Token Policy: ${rt.type}, ${rt.period} ${rt.unit} (${minutes} minutes)`,
      )
    }
  }
  if (p.scopes) {
    s.appScopes = p.scopes.filter((sc) => Object.hasOwn(SCOPE_DESCRIPTIONS, sc))
    r.applied.push(`Selected OAuth scopes: ${s.appScopes.join(" ") || "none"}`)
  }
  if (p.sessionTimeoutMinutes !== undefined) {
    if ((ACCESS_TOKEN_MINUTES as readonly number[]).includes(p.sessionTimeoutMinutes)) {
      s.accessTokenMinutes = p.sessionTimeoutMinutes
      r.applied.push(`Access token lifetime: ${p.sessionTimeoutMinutes} minutes`)
    } else
      r.notModelled.push(
        `Session timeout of ${p.sessionTimeoutMinutes} minutes (not a choice here)`,
      )
  }
  // The org's IP Relaxation choices (store/app-policies.ts); "relax with a second factor" needs a
  // multi-factor step the org does not have.
  const ipRelaxation = p.ipRelaxation && IP_RELAXATION_OF[p.ipRelaxation]
  if (p.ipRelaxation && !ipRelaxation) r.notModelled.push(`IP relaxation: ${p.ipRelaxation}`)
  const callbacks = p.callbackUrls?.length ? p.callbackUrls : undefined
  const badCallback = callbacks?.map(callbackUrlProblem).find(Boolean)
  if (badCallback) r.refused.push(`Callback URLs: ${badCallback}`)
  let cert = p.certificatePem
  if (cert) {
    try {
      if (new crypto.X509Certificate(cert).publicKey.asymmetricKeyType !== "rsa")
        throw new Error("not RSA")
    } catch {
      r.refused.push("Certificate: not an RSA X.509 certificate this org can verify JWTs with")
      cert = undefined
    }
  }
  db.transaction(() => {
    saveSettings(db, s)
    if (
      p.secretRequiredForWebServer !== undefined ||
      p.secretRequiredForRefreshToken !== undefined
    ) {
      const next = saveAppSecretSettings(db, clientId, {
        ...(p.secretRequiredForWebServer !== undefined && {
          requireSecretForWebServer: p.secretRequiredForWebServer,
        }),
        ...(p.secretRequiredForRefreshToken !== undefined && {
          requireSecretForRefreshToken: p.secretRequiredForRefreshToken,
        }),
      })
      r.applied.push(
        `Require Secret for Web Server Flow: ${next.requireSecretForWebServer ? "on" : "off"}; for Refresh Token Flow: ${next.requireSecretForRefreshToken ? "on" : "off"}`,
      )
    }
    if (p.deviceFlow !== undefined) {
      setDeviceFlowEnabled(db, clientId, p.deviceFlow)
      r.applied.push(`Enable for Device Flow: ${p.deviceFlow ? "on" : "off"}`)
    }
    if (p.clientCredentials) applyClientCredentials(db, clientId, p.clientCredentials, r)
    if (ipRelaxation) {
      applyOrgPatch(db, clientId, { app: { ipRelaxation } })
      r.applied.push(`IP Relaxation: ${p.ipRelaxation}`)
    }
    if (p.highAssurance !== undefined) {
      // The org has no multi-factor step: a required high-assurance session is refused (F-181).
      applyOrgPatch(db, clientId, { app: { highAssurance: p.highAssurance } })
      r.applied.push(`High Assurance session required: ${p.highAssurance ? "on" : "off"}`)
    }
    if (callbacks && !badCallback) {
      saveRegistrationOverride(db, clientId, { callbackUrls: callbacks })
      r.applied.push(`Callback URLs: ${callbacks.join(", ")}`)
    }
    if (cert) {
      saveRegistrationOverride(db, clientId, { certificatePem: cert })
      r.applied.push("Certificate (JWT Bearer): replaced by the zip's")
    }
  }).immediate()
  for (const f of d.otherFields) r.notModelled.push(`${f.type}.${f.field} = ${f.value}`)
  return r
}

function applyClientCredentials(
  db: Db,
  clientId: string,
  cc: { enabled?: boolean; runAsUsername?: string },
  r: EcaApplyReport,
) {
  const current = getClientCredentialsSettings(db, clientId)
  let runAsUserId = current.runAsUserId
  if (cc.runAsUsername) {
    const user = USERS.find((u) => u.Username.toLowerCase() === cc.runAsUsername!.toLowerCase())
    const refused = user ? runAsRefusal(user) : `no user ${cc.runAsUsername} in this org`
    if (refused) r.refused.push(`Client Credentials Run As ${cc.runAsUsername}: ${refused}`)
    else runAsUserId = user!.Id
  }
  const enabled = cc.enabled ?? current.enabled
  saveClientCredentialsSettings(db, clientId, { enabled, runAsUserId })
  r.applied.push(
    `Client Credentials Flow: ${enabled ? "on" : "off"}, Run As ${USERS.find((u) => u.Id === runAsUserId)?.Username ?? "none"}`,
  )
}
