import "server-only"
import { readSession } from "@/lib/auth/session-cookie"

/** The session's secret values the inspector may reveal on request (a same-origin POST). */
export async function revealField(
  field: string,
  cookieHeader: string | null,
): Promise<string | undefined> {
  const s = await readSession(cookieHeader)
  if (!s) return undefined
  const values: Record<string, string | undefined> = {
    access_token: s.tokens.accessToken,
    refresh_token: s.tokens.refreshToken,
    id_token: s.tokens.idToken,
    signature: s.tokens.signature,
    assertion: s.assertion,
  }
  return Object.hasOwn(values, field) ? values[field] : undefined
}
