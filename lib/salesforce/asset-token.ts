import { z } from "zod"
import { FlowError } from "./errors"
import { describeIssues } from "./responses"

/**
 * The asset token flow's wire shapes. The request is Salesforce's own
 * (https://github.com/forcedotcom/postman-salesforce-apis, `src/collections/salesforce_api/auth/asset_token_flow.json`):
 * the token-exchange grant of RFC 8693 with an access token as the subject and a JWT as the actor,
 * and no client authentication.
 */
export const TOKEN_EXCHANGE_GRANT = "urn:ietf:params:oauth:grant-type:token-exchange"
export const ACCESS_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:access_token"
export const JWT_TOKEN_TYPE = "urn:ietf:params:oauth:token-type:jwt"

export function assetTokenForm(subjectToken: string, actorToken: string): Record<string, string> {
  return {
    grant_type: TOKEN_EXCHANGE_GRANT,
    subject_token_type: ACCESS_TOKEN_TYPE,
    subject_token: subjectToken,
    actor_token_type: JWT_TOKEN_TYPE,
    actor_token: actorToken,
  }
}

/**
 * The answer: RFC 8693 §2.2.1's fields, as the Salesforce Platform APIs collection's sample shows
 * them (`access_token`, `issued_token_type` …`:jwt`, `token_type` `Bearer`, `expires_in`;
 * https://developers.qodex.ai/salesforce-developers/salesforce-platform-apis-1/auth-8/asset-token-flow-2).
 * `access_token` is the asset token, a JWT.
 */
const assetTokenResponseSchema = z.object({
  access_token: z.string().min(1).max(16_384),
  issued_token_type: z.literal(JWT_TOKEN_TYPE),
  token_type: z.string(),
  expires_in: z.number().int().nonnegative().optional(),
})
export type AssetTokenResponse = z.infer<typeof assetTokenResponseSchema>

export function parseAssetTokenResponse(body: unknown): AssetTokenResponse {
  const parsed = assetTokenResponseSchema.safeParse(body)
  if (!parsed.success)
    throw new FlowError(
      "UNEXPECTED_RESPONSE",
      `the asset token response lacks ${describeIssues(parsed.error)}`,
    )
  return parsed.data
}
