import "server-only"
import crypto from "node:crypto"
import type { JSONWebKeySet } from "jose"
import { readSession, sessionSetCookies } from "@/lib/auth/session-cookie"
import type { LabSession } from "@/lib/auth/session-types"
import type { Redirect } from "@/lib/http/respond"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import {
  buildActorToken,
  deviceClaimsProblem,
  type DeviceClaims,
} from "@/lib/salesforce/actor-token"
import { assetTokenForm } from "@/lib/salesforce/asset-token"
import { FlowError } from "@/lib/salesforce/errors"
import { keepAnswer } from "@/lib/transcript/facts"
import { failureCookie, toFailure } from "./shared/flow-error"
import type { TokenRequestPreview } from "./shared/request-preview"

export const DEFAULT_DEVICE: DeviceClaims = {
  deviceId: "thermostat-0042",
  name: "Hall thermostat",
  serialNumber: "SN-0042",
}

/** The asset token request as the site sends it, the two tokens as placeholders. */
export function previewAssetToken(org: OrgConnection): TokenRequestPreview {
  const form = assetTokenForm("<the session's access token>", "<the actor token below>")
  return {
    method: "POST",
    url: `${org.loginUrl.replace(/\/+$/, "")}/services/oauth2/token`,
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Accept", "application/json"],
    ],
    body: Object.entries(form)
      .map(([k, v]) => `${k}=${v.startsWith("<") ? v : encodeURIComponent(v)}`)
      .join("&"),
  }
}

/** The key that signs the actor token: the configured private key, standing in for the device's. */
function deviceKey(org: OrgConnection): crypto.KeyObject {
  if (!org.privateKeyPem)
    throw new FlowError(
      "CONFIG_INVALID",
      "signing the actor token needs a private key: set SALESFORCE_PRIVATE_KEY_FILE (see /setup)",
    )
  return crypto.createPrivateKey(org.privateKeyPem)
}

/**
 * Exchanges the session's access token and an actor token describing the device for an asset
 * token, then keeps the asset token in the session for the inspector. The access token never
 * leaves the server; the flow needs a signed-in session from another flow first.
 */
export async function runAssetToken(
  cookieHeader: string | null,
  device: DeviceClaims,
  sign: boolean,
): Promise<Redirect> {
  const session: LabSession | undefined = await readSession(cookieHeader)
  try {
    if (!session)
      throw new FlowError(
        "NO_SESSION",
        "the asset token flow exchanges a Salesforce access token: sign in with another flow first (for example the JWT Bearer flow), then come back",
      )
    const problem = deviceClaimsProblem(device)
    if (problem) throw new FlowError("ASSET_CLAIMS_INVALID", problem)
    const org = await orgConnection()
    const recorder = recorderFor(org, session.transcriptId).know({
      kind: "access_token",
      value: session.tokens.accessToken,
    })
    const actor = await buildActorToken(device, sign ? deviceKey(org) : undefined)
    recorder.note(
      "Site: build the actor token",
      `${sign ? "RS256, signed with the configured key; its public half is the cnf claim" : "unsigned (alg none)"}: ${JSON.stringify(actor.payload)}`,
    )
    const client = clientFor(org, recorder)
    const answer = await client.assetToken(session.tokens.accessToken, actor.token)
    // The keys the inspector verifies the asset token with, fetched now and kept as a fact.
    await keepAnswer(client.jwks() as Promise<JSONWebKeySet>, (value) =>
      recorder.fact({ kind: "jwks", value }),
    ).catch(() => undefined)
    const next: LabSession = {
      ...session,
      assetToken: {
        token: answer.access_token,
        actorToken: actor.token,
        expiresIn: answer.expires_in,
        receivedAt: Date.now(),
      },
    }
    return { location: "/inspector#asset-token", cookies: await sessionSetCookies(next) }
  } catch (e) {
    return {
      location: "/flows/error",
      cookies: [
        await failureCookie(
          toFailure(e, "asset-token", session ? { transcriptId: session.transcriptId } : {}),
        ),
      ],
    }
  }
}
