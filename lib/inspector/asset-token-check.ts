import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from "jose"
import type { CheckResult, LabSession } from "@/lib/auth/session-types"
import type { Answer } from "@/lib/transcript/facts"

/**
 * Verifies the session's asset token with the org's keys (the JWKS fetched right after the
 * exchange): RS256 only, issuer = the org's login URL, and `exp` against now, since an asset token
 * is short-lived and the page should say whether it still works. Salesforce signs asset tokens
 * with the app's asset signing certificate (docs/fidelity.md, F-252): against a real org, this
 * check passes only when that key is among the org's published ones.
 */
export async function assetTokenCheck(
  s: LabSession,
  issuer: string,
  jwks: Answer<JSONWebKeySet> | undefined,
  now = Date.now(),
): Promise<CheckResult | undefined> {
  const token = s.assetToken?.token
  if (!token) return undefined
  if (!jwks?.ok)
    return {
      status: "fail",
      detail: `the org's JWKS ${jwks ? `could not be read (${jwks.reason})` : "was not recorded"}, so the signature cannot be checked`,
    }
  try {
    const { payload } = await jwtVerify(token, createLocalJWKSet(jwks.value), {
      algorithms: ["RS256"],
      issuer,
      currentDate: new Date(now),
    })
    const kid = decodeProtectedHeader(token).kid
    return {
      status: "pass",
      detail: `RS256 signature by kid ${kid ?? "?"} from the org's /id/keys; issued by ${issuer}; valid until ${new Date((payload.exp ?? 0) * 1000).toISOString()}`,
    }
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === "ERR_JWT_EXPIRED") {
      // Expired is not forged: say which, after checking the signature as of issuance.
      try {
        await jwtVerify(token, createLocalJWKSet(jwks.value), {
          algorithms: ["RS256"],
          issuer,
          currentDate: new Date(s.assetToken!.receivedAt),
        })
        return {
          status: "fail",
          detail:
            "the signature verifies with the org's keys, but the asset token has expired: exchange again",
        }
      } catch {
        /* fall through */
      }
    }
    return {
      status: "fail",
      detail: `the asset token does not verify with the org's keys: ${e instanceof Error ? e.message : "invalid"}`,
    }
  }
}
