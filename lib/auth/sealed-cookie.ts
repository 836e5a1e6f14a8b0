import "server-only"
import crypto from "node:crypto"
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose"
import { nextAuthSecret } from "@/lib/auth/secret"
import { cookieString } from "@/lib/auth/session-cookie"
import { getConfig } from "@/lib/config/env"
import { readCookie, readCookies } from "@/lib/http/cookies"

/** On https every sealed cookie takes the `__Secure-` prefix: the browser then refuses to let an http page (or a sibling's plain-http response) set it. */
const prefixed = (name: string) =>
  getConfig().siteUrl.startsWith("https:") ? `__Secure-${name}` : name

/** One key per purpose, derived from NEXTAUTH_SECRET, so a cookie of one kind never opens as another. */
function keyFor(purpose: string): Uint8Array {
  return new Uint8Array(
    crypto.hkdfSync("sha256", nextAuthSecret(), "", `salesforce-oauth-lab ${purpose}`, 32),
  )
}

const seal = (purpose: string, payload: JWTPayload, maxAgeS: number) =>
  new EncryptJWT(payload)
    .setProtectedHeader({ alg: "dir", enc: "A256GCM" })
    .setIssuedAt()
    .setExpirationTime(`${maxAgeS}s`)
    .encrypt(keyFor(purpose))

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
  return cookieString(prefixed(name), await seal(purpose, payload, maxAgeS), maxAgeS, path)
}

export async function unsealCookie<T extends JWTPayload>(
  cookieHeader: string | null,
  name: string,
  purpose: string,
): Promise<T | undefined> {
  return openSealed<T>(readCookie(cookieHeader, prefixed(name)), purpose, 8192)
}

async function openSealed<T extends JWTPayload>(
  raw: string | undefined,
  purpose: string,
  maxLength: number,
): Promise<T | undefined> {
  if (!raw || raw.length > maxLength) return undefined
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

/**
 * Browsers keep a cookie of at most 4096 bytes, name and value (RFC 6265 §6.1), and drop a larger
 * one without a word. A sealed payload that can outgrow that (the Token Exchange flow's provider
 * tokens) is split into `name.0`, `name.1`, … as the session cookie is (session-cookie.ts).
 */
const CHUNK = 3900

const chunkNames = (name: string, max: number) =>
  Array.from({ length: max }, (_, i) => `${prefixed(name)}.${i}`)

/** A payload too large for `maxChunks` cookies: the caller says what made it so. */
export class SealedCookieTooLarge extends Error {
  constructor(
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`the sealed value is ${bytes} bytes; at most ${maxBytes} fit`)
    this.name = "SealedCookieTooLarge"
  }
}

/**
 * `sealCookie` for a payload that may need several cookies: one whole cookie when it fits, else
 * up to `maxChunks` chunks; every other cookie of the name is deleted, so no stale part is read.
 * Throws `SealedCookieTooLarge` past `maxChunks`: the whole Cookie header must stay well under the
 * 16 KB a server reads (Node's default --max-http-header-size).
 */
export async function sealChunkedCookie(
  name: string,
  purpose: string,
  payload: JWTPayload,
  maxAgeS: number,
  path: string,
  maxChunks: number,
): Promise<string[]> {
  const value = await seal(purpose, payload, maxAgeS)
  const parts = value.match(new RegExp(`.{1,${CHUNK}}`, "g")) ?? []
  if (parts.length > maxChunks) throw new SealedCookieTooLarge(value.length, CHUNK * maxChunks)
  const whole = parts.length === 1
  return [
    cookieString(prefixed(name), whole ? value : "", whole ? maxAgeS : 0, path),
    ...chunkNames(name, maxChunks).map((n, i) =>
      !whole && i < parts.length
        ? cookieString(n, parts[i]!, maxAgeS, path)
        : cookieString(n, "", 0, path),
    ),
  ]
}

/** `unsealCookie` for `sealChunkedCookie`: the whole cookie, or its chunks joined in order. */
export async function unsealChunkedCookie<T extends JWTPayload>(
  cookieHeader: string | null,
  name: string,
  purpose: string,
  maxChunks: number,
): Promise<T | undefined> {
  const cookies = readCookies(cookieHeader)
  const whole = cookies[prefixed(name)]
  if (whole) return openSealed<T>(whole, purpose, CHUNK)
  const parts: string[] = []
  for (const n of chunkNames(name, maxChunks)) {
    if (!cookies[n]) break
    parts.push(cookies[n])
  }
  return openSealed<T>(parts.join(""), purpose, CHUNK * maxChunks)
}

/** Deletes a chunked cookie: the whole one and every chunk. */
export const clearChunkedCookie = (name: string, path: string, maxChunks: number) => [
  clearCookie(name, path),
  ...chunkNames(name, maxChunks).map((n) => cookieString(n, "", 0, path)),
]
