import "server-only"
import { decode, encode } from "next-auth/jwt"
import { getConfig } from "@/lib/config/env"
import { readCookies, serializeCookie } from "@/lib/http/cookies"
import { FlowError } from "@/lib/salesforce/errors"
import { SESSION_MAX_AGE_S, withinLifetime, type LabJwt } from "./options"
import { nextAuthSecret } from "./secret"
import type { LabSession } from "./session-types"

/** next-auth's cookie name: `__Secure-` prefixed when the site runs on https. */
export function sessionCookieName(): string {
  return getConfig().siteUrl.startsWith("https:")
    ? "__Secure-next-auth.session-token"
    : "next-auth.session-token"
}

const secure = () => getConfig().siteUrl.startsWith("https:")

/**
 * Browsers refuse cookies past 4096 bytes. A larger session is split into `name.0`, `name.1`, …
 * exactly as next-auth chunks its own, so `/api/auth/session` reads it too.
 */
const CHUNK = 3900
const MAX_CHUNKS = 4

const chunkNames = (name: string) => Array.from({ length: MAX_CHUNKS }, (_, i) => `${name}.${i}`)

/** Seals a session with next-auth's `encode` and returns the Set-Cookie values that store it. */
export async function sessionSetCookies(lab: LabSession): Promise<string[]> {
  const token: LabJwt = {
    name: lab.user.displayName,
    email: lab.user.email,
    sub: lab.user.userId,
    lab,
  }
  const value = await encode({ token, secret: nextAuthSecret(), maxAge: SESSION_MAX_AGE_S })
  const name = sessionCookieName()
  if (value.length <= CHUNK)
    return [
      cookieString(name, value, SESSION_MAX_AGE_S),
      ...chunkNames(name).map((n) => cookieString(n, "", 0)),
    ]
  const parts = value.match(new RegExp(`.{1,${CHUNK}}`, "g")) ?? []
  // Past this a session would not fit in any browser's cookie jar: fail the flow instead of half-making it.
  if (parts.length > MAX_CHUNKS)
    throw new FlowError(
      "UNEXPECTED_RESPONSE",
      `the token response is too large to keep in session cookies (${value.length} bytes sealed)`,
    )
  return [
    cookieString(name, "", 0),
    ...chunkNames(name).map((n, i) =>
      i < parts.length ? cookieString(n, parts[i]!, SESSION_MAX_AGE_S) : cookieString(n, "", 0),
    ),
  ]
}

export function clearSessionCookies(): string[] {
  const name = sessionCookieName()
  return [name, ...chunkNames(name)].map((n) => cookieString(n, "", 0))
}

/** One of the site's cookies: HttpOnly, SameSite=Lax, Secure on https, scoped to `path`. */
export function cookieString(name: string, value: string, maxAgeS: number, path = "/"): string {
  return serializeCookie(name, value, { path, maxAge: maxAgeS, secure: secure() })
}

/** The session cookie's value: whole, or joined from its chunks in order. */
function rawSession(cookieHeader: string | null, name: string): string | undefined {
  const cookies = readCookies(cookieHeader)
  const whole = cookies[name]
  if (whole) return whole
  const chunks: string[] = []
  for (const [i, n] of chunkNames(name).entries()) {
    const part = cookies[n]
    if (!part) break
    chunks[i] = part
  }
  return chunks.length ? chunks.join("") : undefined
}

/**
 * The LabSession in a request's cookies, or undefined (missing, expired, not ours, or no valid
 * configuration to open it with): anything that goes wrong reads as "nobody", never as a session
 * (the GHSA-8fpg-xm3f-6cx3 lesson, docs/security.md, C-53).
 */
export async function readSession(cookieHeader: string | null): Promise<LabSession | undefined> {
  try {
    const raw = rawSession(cookieHeader, sessionCookieName())
    if (!raw) return undefined
    const token = (await decode({ token: raw, secret: nextAuthSecret() })) as LabJwt | null
    return withinLifetime(token?.lab) ? token?.lab : undefined
  } catch {
    return undefined
  }
}
