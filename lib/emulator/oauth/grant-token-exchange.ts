import { errors as joseErrors, jwtVerify, type JWTPayload } from "jose"
import type { SalesforceTokenResponse } from "@/lib/salesforce/wire-types"
import type { EmulatorContext } from "../context"
import { inactiveUser, InvalidRequest, InvalidScope } from "../errors"
import { param } from "../http"
import type { SeedUser } from "../seed/seed-user"
import { createUser, DuplicateUsername } from "../store/jit-users"
import { appOAuthPolicy } from "../store/app-oauth-policy"
import {
  getHandlerSettings,
  JWT_TOKEN_TYPES,
  MAP_BY,
  TOKEN_TYPES,
  type JwtTokenType,
  type TokenExchangeHandlerSettings,
} from "../store/token-exchange-handler"
import { allUsers } from "../users"
import { authenticateClient } from "./client-auth"
import { issueTokens } from "./issue-tokens"
import { checkGrantPolicies } from "./org-policies"
import { countLogin } from "./rate-limits"
import { TOKEN_EXCHANGE_ERRORS as E } from "./token-exchange-errors"

export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange"
export const ISSUED_ACCESS_TOKEN = TOKEN_TYPES.access_token

/** The type named by a `subject_token_type`; Salesforce's enum page spells the JWT one `…:JWT`, RFC 8693 `…:jwt`. */
function typeOf(urn: string | undefined): keyof typeof TOKEN_TYPES | undefined {
  const lower = urn?.toLowerCase()
  return (Object.keys(TOKEN_TYPES) as (keyof typeof TOKEN_TYPES)[]).find(
    (k) => TOKEN_TYPES[k] === lower,
  )
}

/** validateIncomingToken: the provider's signature (RS256 only, its JWKS), issuer, audience, expiry. */
async function validateIncomingToken(
  ctx: EmulatorContext,
  h: TokenExchangeHandlerSettings,
  token: string,
): Promise<JWTPayload> {
  const verify = async (refresh: boolean) =>
    jwtVerify(token, await ctx.externalJwks.keysFor(h.jwksUrl, { refresh }), {
      algorithms: ["RS256"],
      issuer: h.issuer,
      audience: h.audiences,
      currentDate: new Date(ctx.now()),
      requiredClaims: ["exp", "sub"],
    })
  try {
    try {
      return (await verify(false)).payload
    } catch (e) {
      // A key the cached set lacks: the provider may have rotated; fetch once more (rate-limited).
      if (e instanceof joseErrors.JWKSNoMatchingKey) return (await verify(true)).payload
      throw e
    }
  } catch (e) {
    if (e instanceof joseErrors.JWTExpired) throw new InvalidRequest(E.expired)
    if (e instanceof joseErrors.JWTClaimValidationFailed) {
      if (e.claim === "iss") throw new InvalidRequest(E.issuer)
      if (e.claim === "aud") throw new InvalidRequest(E.audience)
      throw new InvalidRequest(E.malformed)
    }
    if (e instanceof joseErrors.JWSInvalid || e instanceof joseErrors.JWTInvalid)
      throw new InvalidRequest(E.malformed)
    // A bad signature, an unknown kid, an algorithm other than RS256 (none, HS256…), an unreachable JWKS.
    throw new InvalidRequest(E.signature)
  }
}

/** getUserForTokenSubject: the user whose field matches the mapped claim, or a new one when allowed. */
function getUserForTokenSubject(
  ctx: EmulatorContext,
  h: TokenExchangeHandlerSettings,
  claims: JWTPayload,
): SeedUser {
  const { claim, field } = MAP_BY[h.mapBy]
  const value = typeof claims[claim] === "string" ? (claims[claim] as string) : undefined
  const found =
    value === undefined
      ? undefined
      : allUsers(ctx.db).find((u) =>
          field === "FederationIdentifier"
            ? u.FederationIdentifier === value
            : (u[field] ?? "").toLowerCase() === value.toLowerCase(),
        )
  if (found) return found
  const email = typeof claims.email === "string" ? claims.email : undefined
  if (!h.createUsers || !email) throw new InvalidRequest(E.noUser)
  try {
    return createUser(
      ctx.db,
      {
        email,
        givenName: typeof claims.given_name === "string" ? claims.given_name : undefined,
        familyName: typeof claims.family_name === "string" ? claims.family_name : undefined,
        federationId: typeof claims.sub === "string" ? claims.sub : undefined,
      },
      ctx.now(),
    )
  } catch (e) {
    // Salesforce inserts the User the handler returns; a username in use fails that insert
    // (docs/fidelity.md, F-235: the token endpoint's answer then is unverified).
    if (e instanceof DuplicateUsername) throw new InvalidRequest(E.duplicateUsername)
    throw e
  }
}

/**
 * `grant_type=urn:ietf:params:oauth:grant-type:token-exchange` without an actor token
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_token_exchange_overview.htm):
 * the app authenticates with its secret, the org's handler validates the external provider's
 * `subject_token` and maps its subject to a user (creating one when allowed), and Salesforce issues
 * its own tokens with `issued_token_type` (RFC 8693 §2.2.1). Requests with `actor_token` (the Asset
 * Token flow) never get here: token-endpoint.ts sends them to their own grant.
 */
export async function tokenExchangeGrant(
  ctx: EmulatorContext,
  req: Request,
  form: URLSearchParams,
): Promise<SalesforceTokenResponse & { issued_token_type: string }> {
  const app = authenticateClient(ctx, req, form, { secretRequired: true })
  const token = param(form, "subject_token")
  if (!token) throw new InvalidRequest(E.missingSubjectToken)
  const type = typeOf(param(form, "subject_token_type"))
  if (!type) throw new InvalidRequest(E.badTokenType)
  const h = getHandlerSettings(ctx.db, ctx.externalIdpIssuer)
  const handler = param(form, "token_handler")
  if (handler !== undefined && handler !== h.name) throw new InvalidRequest(E.unknownHandler)
  if (!(JWT_TOKEN_TYPES as readonly string[]).includes(type) || !h.accepts[type as JwtTokenType])
    throw new InvalidRequest(E.typeNotAccepted)
  const claims = await validateIncomingToken(ctx, h, token)
  const user = getUserForTokenSubject(ctx, h, claims)
  if (!user.IsActive) throw inactiveUser()
  // Frozen, API Access Control, Login IP Ranges: as for every grant that issues a user's tokens
  // (docs/fidelity.md, F-173, F-179, F-180). A token exchange is a login with no login page.
  checkGrantPolicies(ctx, req, app.clientId, user, "token-exchange")
  const { appScopes } = appOAuthPolicy(ctx.db, app.clientId)
  const asked = (param(form, "scope") ?? "").split(" ").filter(Boolean)
  if (asked.some((s) => !appScopes.includes(s)))
    throw new InvalidScope("the requested scope is not allowed")
  countLogin(ctx, user.Id)
  const scopes = asked.length ? asked : [...appScopes]
  const body = await issueTokens(ctx, {
    app,
    user,
    scopes,
    refresh: {},
    signed: true,
    idToken: false,
  })
  return { ...body, issued_token_type: ISSUED_ACCESS_TOKEN }
}
