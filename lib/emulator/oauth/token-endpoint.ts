import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { OAuthError, UnsupportedGrantType } from "../errors"
import { json, param, readForm } from "../http"
import { assetTokenGrant, isAssetTokenRequest, TOKEN_EXCHANGE } from "./grant-asset-token"
import { authorizationCodeGrant } from "./grant-authorization-code"
import { clientCredentialsGrant } from "./grant-client-credentials"
import { deviceAuthorization, deviceGrant } from "./grant-device"
import { jwtBearerGrant } from "./grant-jwt-bearer"
import { passwordGrant } from "./grant-password"
import { refreshTokenGrant } from "./grant-refresh-token"
import { samlBearerGrant } from "./grant-saml-bearer"
import { tokenExchangeGrant } from "./grant-token-exchange"
import { formatted, tokenFormat } from "./token-format"

type Grant = (
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
) => Promise<SalesforceTokenResponse>

const GRANTS: Readonly<Record<string, Grant>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  "urn:ietf:params:oauth:grant-type:jwt-bearer": jwtBearerGrant,
  "urn:ietf:params:oauth:grant-type:saml2-bearer": samlBearerGrant,
  client_credentials: clientCredentialsGrant,
  password: passwordGrant,
  device: deviceGrant,
  // One grant, two flows: with an actor token it is the Asset Token flow (grant-asset-token.ts),
  // else Token Exchange with the org's handler (grant-token-exchange.ts).
  [TOKEN_EXCHANGE]: async (ctx, req, form) =>
    isAssetTokenRequest(form)
      ? ((await assetTokenGrant(ctx, req, form)) as unknown as SalesforceTokenResponse)
      : tokenExchangeGrant(ctx, req, form),
}

/**
 * `POST /services/oauth2/token`. Answers, errors included, in the format `tokenFormat` picks
 * (`format=`, then `Accept`, then JSON; token-format.ts).
 */
export async function tokenEndpoint(ctx: EmulatorContext, req: Request): Promise<Response> {
  if (req.method !== "POST") {
    return json({ error: "invalid_request", error_description: "must use HTTP POST" }, 405, {
      allow: "POST",
    })
  }
  let form: URLSearchParams | undefined
  try {
    // Multipart too: the Salesforce CLI posts the Device flow that way (docs/fidelity.md, F-151).
    form = await readForm(req, undefined, { multipart: true })
    const grantType = param(form, "grant_type")
    // The Device flow's first step has no grant: Salesforce takes it here as response_type=device_code (grant-device.ts).
    if (grantType === undefined && param(form, "response_type") === "device_code")
      return formatted(
        deviceAuthorization(ctx, req, form) as unknown as Record<string, unknown>,
        tokenFormat(req, form),
      )
    const grant =
      grantType !== undefined && Object.hasOwn(GRANTS, grantType) ? GRANTS[grantType] : undefined
    if (!grant) throw new UnsupportedGrantType("grant type not supported")
    const body = await grant(ctx, req, form)
    return formatted(body as unknown as Record<string, unknown>, tokenFormat(req, form))
  } catch (e) {
    if (e instanceof OAuthError)
      return formatted(e.toJSON(), tokenFormat(req, form), e.status, e.headers)
    throw e
  }
}
