import "server-only"
import type { NextAuthOptions } from "next-auth"
import { decode, type JWT, type JWTDecodeParams } from "next-auth/jwt"
import { nextAuthSecret } from "./secret"
import type { LabSession, PublicSession } from "./session-types"

export const SESSION_MAX_AGE_S = 8 * 60 * 60

/**
 * Whether a session is still within its absolute lifetime, counted from sign-in. next-auth re-issues
 * the cookie (with a fresh `exp`) on every `/api/auth/session` call, so the cookie's own expiry is a
 * sliding one; this is the fixed one (OWASP Session Management Cheat Sheet, "Absolute Timeout";
 * docs/security.md, C-63, C-77).
 */
export function withinLifetime(lab: { signedInAt: number } | undefined, now = Date.now()): boolean {
  return (
    !!lab && typeof lab.signedInAt === "number" && now - lab.signedInAt < SESSION_MAX_AGE_S * 1000
  )
}

/** The session JWT carries the LabSession under `lab`; next-auth encrypts it (A256GCM). */
export type LabJwt = JWT & { lab?: LabSession }

/**
 * next-auth keeps the session. The flows complete in route handlers (the Web Server callback,
 * the User-Agent hand-off, the JWT Bearer request) and store their result with next-auth's own
 * `encode`, so there is no provider to configure; `session()` strips every secret before
 * anything reaches `/api/auth/session` or the browser.
 */
export function authOptions(): NextAuthOptions {
  return {
    secret: nextAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
    // A session past its absolute lifetime decodes as nothing: next-auth then clears its cookies
    // instead of re-issuing them, and `/api/auth/session` answers that nobody is signed in.
    jwt: {
      async decode(params: JWTDecodeParams) {
        const token = (await decode(params)) as LabJwt | null
        return token?.lab && !withinLifetime(token.lab) ? null : token
      },
    },
    providers: [],
    pages: { signIn: "/", error: "/flows/error" },
    callbacks: {
      // next-auth's default does `new URL(url)` and throws on a malformed callbackUrl (`http://[`),
      // which turned /api/auth/session?callbackUrl=http://[ into a 500 (C-17, CVE-2022-31093's class).
      // Same rule, parsed safely: only URLs on the site itself, anything else goes home (C-15, C-16).
      async redirect({ url, baseUrl }) {
        const target = URL.canParse(url, baseUrl) ? new URL(url, baseUrl) : undefined
        return target && target.origin === new URL(baseUrl).origin ? target.toString() : baseUrl
      },
      async session({ session, token }) {
        const lab = (token as LabJwt).lab
        if (!lab) return { expires: session.expires } as typeof session
        const visible: PublicSession = {
          flow: lab.flow,
          loginUrl: lab.loginUrl,
          signedInAt: lab.signedInAt,
          user: lab.user,
          scopes: lab.tokens.scopes,
        }
        return {
          expires: session.expires,
          user: { name: lab.user.displayName, email: lab.user.email ?? null },
          lab: visible,
        } as typeof session
      },
    },
  }
}
