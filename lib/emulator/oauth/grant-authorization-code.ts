import crypto from "node:crypto"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import {
  inactiveUser,
  InvalidClient,
  InvalidGrant,
  InvalidRequest,
  RedirectUriMismatch,
} from "../errors"
import { param } from "../http"
import { findUserById } from "../users"
import { redeemCode } from "../store/codes"
import { revokeIssuedFromCode } from "../store/tokens"
import { getAppSecretSettings } from "../store/app-settings"
import { authenticateTokenClient } from "./client-auth"
import { issueTokens } from "./issue-tokens"
import { countLogin } from "./rate-limits"
import { checkGrantPolicies } from "./org-policies"

/**
 * RFC 7636 §4.1's alphabet, [A-Za-z0-9-._~], from 43 characters. Its upper bound of 128 is not
 * enforced: the `sf` CLI sends a 171-character verifier (jsforce's OAuth2, base64url of 128 random
 * bytes) and Salesforce accepts it, so the org allows up to 256 (docs/fidelity.md, F-111).
 */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,256}$/

export const s256 = (verifier: string) =>
  crypto.createHash("sha256").update(verifier).digest("base64url")

/**
 * `grant_type=authorization_code` (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_web_server_flow.htm&type=5).
 * Checks, in order: client, code (burnt by this attempt whatever follows), binding to client and
 * redirect_uri, then PKCE.
 */
export async function authorizationCodeGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse> {
  const { app, withSecret } = await authenticateTokenClient(ctx, req, form, {
    secretRequired: (a) => getAppSecretSettings(ctx.db, a.clientId).requireSecretForWebServer,
  })
  const code = param(form, "code")
  if (!code) throw new InvalidRequest("code must be provided")
  if (code.length > 512) throw new InvalidGrant("invalid authorization code")
  const redemption = redeemCode(ctx.db, code, ctx.now())
  if (redemption.status === "unknown") throw new InvalidGrant("invalid authorization code")
  if (redemption.status === "reused") {
    revokeIssuedFromCode(ctx.db, redemption.hash, ctx.now())
    throw new InvalidGrant("expired authorization code")
  }
  const { grant, expired, hash } = redemption
  if (expired) throw new InvalidGrant("expired authorization code")
  if (grant.clientId !== app.clientId) throw new InvalidGrant("invalid authorization code")
  if (param(form, "redirect_uri") !== grant.redirectUri)
    throw new RedirectUriMismatch("redirect_uri must match configuration")

  // PKCE: a missing verifier after a challenge is invalid_grant (REST API guide, Japanese edition,
  // https://developer.salesforce.com/docs/atlas.ja-jp.224.0.api_rest.meta/api_rest/intro_understanding_web_server_oauth_flow.htm).
  // A wrong verifier is `invalid_grant` / `invalid code verifier` on the wire, although that page says
  // invalid_request (https://salesforce.stackexchange.com/questions/330168; docs/fidelity.md, F-02).
  const verifier = param(form, "code_verifier")
  if (grant.codeChallenge) {
    if (!verifier) throw new InvalidGrant("code verifier missing")
    if (!VERIFIER.test(verifier) || s256(verifier) !== grant.codeChallenge)
      throw new InvalidGrant("invalid code verifier")
  } else if (verifier) {
    throw new InvalidGrant("invalid code verifier")
  }
  // A public client (no secret, allowed when "Require Secret for Web Server Flow" is off) must use
  // PKCE: a code without a challenge would be a bearer credential. Stricter than Salesforce is
  // documented to be (docs/fidelity.md, F-11, deliberate).
  if (!withSecret && !grant.codeChallenge) throw new InvalidClient("invalid client credentials")

  const user = findUserById(ctx.db, grant.userId)
  if (!user?.IsActive) throw inactiveUser()
  checkGrantPolicies(ctx, req, app.clientId, user, "code")
  countLogin(ctx, user.Id)
  return issueTokens(ctx, {
    app,
    user,
    scopes: grant.scopes,
    nonce: grant.nonce,
    authTime: grant.authTime,
    refresh: {},
    codeHash: hash,
    signed: true,
    idToken: true,
  })
}
