import "server-only"
import { decode, encode } from "next-auth/jwt"
import { getConfig } from "@/lib/config/env"
import { FlowError } from "@/lib/salesforce/errors"
import { SESSION_MAX_AGE_S, type LabJwt } from "./options"
import { nextAuthSecret } from "./secret"
import type { LabSession } from "./session-types"

/** next-auth's cookie name: `__Secure-` prefixed when the site runs on https. */
export function sessionCookieName(): string {
  return getConfig().siteUrl.startsWith("https:") ? "__Secure-next-auth.session-token" : "next-auth.session-token"
}

const secure = () => getConfig().siteUrl.startsWith("https:")

/** Browsers refuse cookies past 4096 bytes; next-auth would chunk, we keep the session small instead. */
const MAX_COOKIE_VALUE = 3900

/** Seals a session with next-auth's `encode` and returns the Set-Cookie header value. */
export async function sessionSetCookie(lab: LabSession): Promise<string> {
  const token: LabJwt = { name: lab.user.displayName, email: lab.user.email, sub: lab.user.userId, lab }
  let value = await encode({ token, secret: nextAuthSecret(), maxAge: SESSION_MAX_AGE_S })
  if (value.length > MAX_COOKIE_VALUE && lab.assertion) {
    value = await encode({ token: { ...token, lab: { ...lab, assertion: undefined } }, secret: nextAuthSecret(), maxAge: SESSION_MAX_AGE_S })
  }
  // A cookie the browser would drop silently would leave a half-made session: fail the flow instead.
  if (value.length > MAX_COOKIE_VALUE) throw new FlowError("UNEXPECTED_RESPONSE", `the token response is too large to keep in a session cookie (${value.length} bytes sealed)`)
  return cookieString(sessionCookieName(), value, SESSION_MAX_AGE_S)
}

export function clearSessionCookie(): string {
  return cookieString(sessionCookieName(), "", 0)
}

export function cookieString(name: string, value: string, maxAgeS: number, path = "/"): string {
  return [`${name}=${value}`, `Path=${path}`, "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeS}`, ...(secure() ? ["Secure"] : [])].join("; ")
}

/** The LabSession in a request's cookies, or undefined (missing, expired, or not ours). */
export async function readSession(cookieHeader: string | null): Promise<LabSession | undefined> {
  const name = sessionCookieName()
  const raw = (cookieHeader ?? "")
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1)
  if (!raw) return undefined
  try {
    const token = (await decode({ token: raw, secret: nextAuthSecret() })) as LabJwt | null
    return token?.lab
  } catch {
    return undefined
  }
}
