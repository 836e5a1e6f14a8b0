import crypto from "node:crypto"

/** The kinds of secret the transcript redacts, their markers and where they sit (lib/transcript/redact.ts). */

export const PLACEHOLDERS = {
  client_secret: "CLIENT_SECRET",
  access_token: "ACCESS_TOKEN",
  refresh_token: "REFRESH_TOKEN",
  id_token: "ID_TOKEN",
  assertion_signature: "ASSERTION_SIGNATURE",
  assertion: "ASSERTION",
  basic_credentials: "BASIC_CREDENTIALS",
  authorization_code: "AUTH_CODE",
  code_verifier: "CODE_VERIFIER",
  password: "PASSWORD",
  subject_token: "SUBJECT_TOKEN",
} as const

export type SecretKind = keyof typeof PLACEHOLDERS

export interface KnownSecret {
  kind: SecretKind
  value: string
}

/** How much of a secret stays visible. The client secret and signatures show nothing. */
const PREFIX: Readonly<Record<SecretKind, number>> = {
  client_secret: 0,
  access_token: 18,
  refresh_token: 8,
  id_token: 12,
  assertion_signature: 0,
  assertion: 0,
  basic_credentials: 0,
  authorization_code: 6,
  code_verifier: 0,
  password: 0,
  subject_token: 12,
}

/**
 * A whole assertion has no part that is safe to show (the signature is inside the XML of a SAML
 * one): its length and a short SHA-256 tell two of them apart without the bytes that could be
 * posted again.
 */
const fingerprint = (value: string) =>
  ` ${value.length} chars, sha256 ${crypto.createHash("sha256").update(value).digest("hex").slice(0, 8)}…`

export const marker = (kind: SecretKind, value: string) =>
  `[REDACTED ${kind}${
    kind === "assertion"
      ? fingerprint(value)
      : PREFIX[kind]
        ? ` ${value.slice(0, PREFIX[kind])}…`
        : ""
  }]`

export const MARKER_PATTERN = /\[REDACTED ([a-z_]+)(?: [^\]]*)?\]/g

export const FIELD_KINDS: Readonly<Record<string, SecretKind>> = {
  client_secret: "client_secret",
  access_token: "access_token",
  oauth_token: "access_token",
  refresh_token: "refresh_token",
  id_token: "id_token",
  // Single-use, but live until redeemed (and after a failed exchange): kept out of the transcript too.
  code: "authorization_code",
  // The Device flow's device code trades for tokens like an authorization code (RFC 8628 §3.4).
  device_code: "authorization_code",
  code_verifier: "code_verifier",
  // The username-password flow's password: never shown, not even its first characters (C-120).
  password: "password",
  // Token Exchange: the external provider's token is a bearer credential there (C-180); in the
  // Asset Token flow the subject is the session's own access token.
  subject_token: "subject_token",
  actor_token: "subject_token",
}

/** The kind of a field named `name`, own names only (a `constructor=` parameter is no secret). */
export const fieldKind = (name: string): SecretKind | undefined =>
  Object.hasOwn(FIELD_KINDS, name) ? FIELD_KINDS[name] : undefined
