import "server-only"
import crypto from "node:crypto"
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose"
import { nextAuthSecret } from "@/lib/auth/secret"
import { cookieString } from "@/lib/auth/session-cookie"
import { getConfig } from "@/lib/config/env"
import { readCookie } from "@/lib/http/cookies"

/** On https every sealed cookie takes the `__Secure-` prefix: the browser then refuses to let an http page (or a sibling's plain-http response) set it. */
const prefixed = (name: string) =>
  getConfig().siteUrl.startsWith("https:") ? `__Secure-${name}` : name

/** One key per purpose, derived from NEXTAUTH_SECRET, so a cookie of one kind never opens as another. */
function keyFor(purpose: string): Uint8Array {
  return new Uint8Array(
    crypto.hkdfSync("sha256", nextAuthSecret(), "", `salesforce-oauth-lab ${purpose}`, 32),
  )
}

/**
 * Seals `payload` into an encrypted, authenticated, expiring cookie (JWE, dir + A256GCM): the
 * browser carries the flow's one-time values, so any instance sharing the secret can finish the
 * flow, and nobody can read or forge them.
 */
export async function sealCookie(
  name: string,
  purpose: string,
  payload: JWTPayload,
  maxAgeS: number,
  path = "/",
): Promise<string> {
  const value = await new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${maxAgeS}s`)
    .encrypt(keyFor(purpose))
  return cookieString(prefixed(name), value, maxAgeS, path)
}

export async function unsealCookie<T extends JWTPayload>(
  cookieHeader: string | null,
  name: string,
  purpose: string,
): Promise<T | undefined> {
  const raw = readCookie(cookieHeader, prefixed(name))
  if (!raw || raw.length > 8192) return undefined
  try {
    const { payload } = await jwtDecrypt(raw, keyFor(purpose), {
      keyManagementAlgorithms: ["dir"],
      contentEncryptionAlgorithms: ["A256GCM"],
    })
    return payload as T
  } catch {
    return undefined
  }
}

export const clearCookie = (name: string, path = "/") => cookieString(prefixed(name), "", 0, path)
