import crypto from "node:crypto"
import { compactVerify, decodeProtectedHeader, type JSONWebKeySet } from "jose"
import type { CheckResult, LabSession } from "@/lib/auth/session-types"
import { FlowError } from "@/lib/salesforce/errors"
import { verifyIdToken, verifyResponseSignature } from "@/lib/salesforce/verify"
import type { Answer } from "@/lib/transcript/facts"
import { verifyRefreshedIdToken } from "./refreshed-id-token"
import { samlAssertionView, type SamlAssertionView } from "./saml-checks"

export interface VerificationInputs {
  clientSecret: string
  loginUrl: string
  clientId: string
  /** The org's JWKS as the flow (or a Refresh) last fetched it, kept as a fact: no call on a page view. */
  jwks?: Answer<JSONWebKeySet>
  /** The certificate or public key the JWT Bearer assertion must verify with. */
  assertionKey?: crypto.KeyObject
  /** The Audience the site puts in SAML assertions (the login server). */
  audience?: string
}

export interface Verifications {
  signature: CheckResult
  idToken: CheckResult
  assertion?: CheckResult
  /** The SAML Bearer assertion, readable, with its checks. */
  saml?: SamlAssertionView
  introspection?: CheckResult
}

/** Re-checks the response signature: HMAC-SHA256(client secret, id + issued_at), base64. */
function signatureCheck(s: LabSession, secret: string): CheckResult {
  const t = s.tokens
  if (!t.signature || !t.issuedAt)
    return {
      status: "absent",
      detail:
        s.flow === "jwt-bearer"
          ? "JWT Bearer responses carry no signature"
          : s.flow === "saml-bearer"
            ? "SAML Bearer responses carry no signature"
            : "the response had no signature",
    }
  return verifyResponseSignature(t.identityUrl, String(t.issuedAt), t.signature, secret)
    ? { status: "pass", detail: "HMAC-SHA256 of id + issued_at with the client secret matches" }
    : {
        status: "fail",
        detail:
          "HMAC-SHA256 of id + issued_at with the client secret does not match: the id, issued_at or signature was altered, or another secret signed it",
      }
}

/**
 * Verifies the id_token as of when it arrived (an id_token lives 5 minutes, so checking `exp`
 * against now would only say it is old), with the JWKS last fetched: the sign-in's with the sign-in
 * checks (nonce included), a Refresh's as OIDC Core §12.2 says (refreshed-id-token.ts).
 */
async function idTokenCheck(s: LabSession, i: VerificationInputs): Promise<CheckResult> {
  const token = s.tokens.idToken
  if (!token)
    return { status: "absent", detail: "no openid scope was granted, or the flow issues none" }
  if (!i.jwks)
    return {
      status: "fail",
      detail: "the org's JWKS was not recorded, so the signature cannot be checked",
    }
  if (!i.jwks.ok)
    return {
      status: "fail",
      detail: `the org's JWKS could not be read (${i.jwks.reason}), so the signature cannot be checked`,
    }
  const receipt = s.idTokenReceipt
  // After a Refresh that brought no id_token, its `at_hash` is about an access token the session
  // no longer holds (OIDC Core §3.2.2.9 binds it to the one delivered with it).
  const stale = receipt?.earlierAccessToken === true
  const common = {
    jwks: i.jwks.value,
    issuer: i.loginUrl,
    clientId: i.clientId,
    accessToken: stale ? undefined : s.tokens.accessToken,
  }
  try {
    const payload = receipt?.refreshed
      ? await verifyRefreshedIdToken(token, {
          ...common,
          currentDate: new Date(receipt.receivedAt),
          nonce: s.idTokenNonce,
          original: receipt.original,
          identityUrl: s.tokens.identityUrl,
        })
      : await verifyIdToken(token, {
          ...common,
          nonce: s.idTokenNonce,
          currentDate: new Date(s.signedInAt),
        })
    const checked = receipt?.refreshed
      ? `from the Refresh at ${new Date(receipt.receivedAt).toISOString()}: iss, sub and aud ${receipt.original ? "the sign-in id_token's" : "this session's"}, nonce absent or the sign-in's, iat and exp as of then (OIDC Core §12.2)`
      : "iss, aud, nonce and exp checked at sign-in"
    const atHash = stale
      ? "; at_hash not checked: it is about an earlier access token (the last Refresh brought no id_token)"
      : ""
    const exp = typeof payload.exp === "number" ? payload.exp * 1000 : 0
    const kid = decodeProtectedHeader(token).kid
    return {
      status: "pass",
      detail: `RS256 signature by kid ${kid ?? "?"} from the org's JWKS; ${checked}${atHash}${exp < Date.now() ? ` (it expired at ${new Date(exp).toISOString()}, as id_tokens do)` : ""}`,
    }
  } catch (e) {
    return {
      status: "fail",
      detail: e instanceof FlowError ? e.message : "the id_token could not be verified",
    }
  }
}

async function assertionCheck(
  s: LabSession,
  key: crypto.KeyObject | undefined,
): Promise<CheckResult | undefined> {
  if (!s.assertion) return undefined
  if (!key)
    return { status: "fail", detail: "no certificate or key is configured to check it with" }
  try {
    await compactVerify(s.assertion, key, { algorithms: ["RS256"] })
    return { status: "pass", detail: "RS256 signature verifies with the app's certificate" }
  } catch (e) {
    return {
      status: "fail",
      detail: `the signature does not verify with the app's certificate: ${e instanceof Error ? e.message : "invalid"}`,
    }
  }
}

/**
 * Every verification the inspector shows, once per view, without calling Salesforce. The signature
 * and id_token checks are computed here from the tokens the session holds now and the JWKS fact,
 * never stored: a Refresh replaces the tokens, and a stored verdict would then describe tokens the
 * session no longer has. Introspection is the one verdict stored in the session (`introspection`),
 * because only a call to the org can give it, and introspection, Refresh and Revoke update it.
 */
export async function computeVerifications(
  s: LabSession,
  i: VerificationInputs,
): Promise<Verifications> {
  return {
    signature: signatureCheck(s, i.clientSecret),
    idToken: await idTokenCheck(s, i),
    assertion: await assertionCheck(s, i.assertionKey),
    saml: samlAssertionView(s, i.assertionKey, {
      clientId: i.clientId,
      audience: i.audience ?? i.loginUrl,
    }),
    introspection: s.introspection,
  }
}
