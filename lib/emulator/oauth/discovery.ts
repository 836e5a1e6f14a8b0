import type { EmulatorContext } from "../context"
import { json } from "../http"

/**
 * `/.well-known/openid-configuration`: Salesforce's document (https://login.salesforce.com/.well-known/openid-configuration) with the
 * embedded org as issuer. Salesforce publishes no `code_challenge_methods_supported`; we add it
 * because the org does implement S256, and docs/security.md (S-90) asks for it.
 */
export function discoveryEndpoint(ctx: EmulatorContext): Response {
  const b = ctx.baseUrl
  return json(
    {
      issuer: b,
      authorization_endpoint: `${b}/services/oauth2/authorize`,
      token_endpoint: `${b}/services/oauth2/token`,
      revocation_endpoint: `${b}/services/oauth2/revoke`,
      userinfo_endpoint: `${b}/services/oauth2/userinfo`,
      jwks_uri: `${b}/id/keys`,
      introspection_endpoint: `${b}/services/oauth2/introspect`,
      scopes_supported: [
        "id",
        "api",
        "web",
        "full",
        "chatter_api",
        "visualforce",
        "refresh_token",
        "openid",
        "profile",
        "email",
        "address",
        "phone",
        "offline_access",
        "custom_permissions",
      ],
      response_types_supported: ["code", "token", "token id_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      display_values_supported: ["page", "popup", "touch"],
      // private_key_jwt: the code and refresh grants take a client assertion (client-assertion.ts).
      token_endpoint_auth_methods_supported: [
        "client_secret_post",
        "client_secret_basic",
        "private_key_jwt",
      ],
      token_endpoint_auth_signing_alg_values_supported: ["RS256"],
      code_challenge_methods_supported: ["S256"],
      claims_supported: [
        "active",
        "address",
        "email",
        "email_verified",
        "family_name",
        "given_name",
        "is_app_installed",
        "language",
        "locale",
        "name",
        "nickname",
        "organization_id",
        "phone_number",
        "phone_number_verified",
        "photos",
        "picture",
        "preferred_username",
        "profile",
        "sub",
        "updated_at",
        "urls",
        "user_id",
        "user_type",
        "zoneinfo",
      ],
    },
    200,
    { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" },
  )
}

/** `/id/keys`: public members only (S-91). */
export function jwksEndpoint(ctx: EmulatorContext): Response {
  return json({ keys: [ctx.signingKey.publicJwk] }, 200, {
    "cache-control": "public, max-age=300",
    "access-control-allow-origin": "*",
  })
}
