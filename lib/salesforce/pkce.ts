import crypto from "node:crypto"

/** 256 bits from the CSPRNG, base64url: used for `state`, `nonce` and the PKCE verifier. */
export const randomToken = () => crypto.randomBytes(32).toString("base64url")

/** RFC 7636 §4.2: `code_challenge = BASE64URL(SHA256(code_verifier))` (method S256). */
export const codeChallengeS256 = (verifier: string) =>
  crypto.createHash("sha256").update(verifier).digest("base64url")
