import crypto from "node:crypto"

/** Storage key for a secret: only its SHA-256 is ever written to the database. */
export const hashSecret = (value: string) => crypto.createHash("sha256").update(value).digest("hex")

/** 256 bits from the CSPRNG, in base64url (docs/security.md, S-34: ≥128 bits). */
export const randomSecret = (bytes = 32) => crypto.randomBytes(bytes).toString("base64url")

/** Random token text in Salesforce's token alphabet, [A-Za-z0-9._]: base64url's `-` becomes `.`. */
export const opaqueToken = (bytes: number) => randomSecret(bytes).replace(/-/g, ".")

/** Constant-time comparison of two strings (RFC 6749 §10.10: no timing oracle on secrets). */
export function safeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a).digest()
  const hb = crypto.createHash("sha256").update(b).digest()
  return crypto.timingSafeEqual(ha, hb) && a.length === b.length
}
