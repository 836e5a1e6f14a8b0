import "server-only"
import type { NextAuthOptions } from "next-auth"
import type { JWT } from "next-auth/jwt"
import { nextAuthSecret } from "./secret"
import type { LabSession, PublicSession } from "./session-types"

export const SESSION_MAX_AGE_S = 8 * 60 * 60

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
