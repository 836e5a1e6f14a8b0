import "server-only"
import { FlowError } from "@/lib/salesforce/errors"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import type { Redirect } from "@/lib/http/respond"
import { signInWithTokenRequest } from "./shared/token-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import type { TokenRequestPreview } from "./shared/request-preview"

/** The token request the form sends, for the flow page (the password and secret as placeholders). */
export function previewUsernamePassword(
  org: OrgConnection,
  clientIdShown = org.clientId,
): TokenRequestPreview {
  return {
    method: "POST",
    url: `${org.loginUrl.replace(/\/+$/, "")}/services/oauth2/token`,
    headers: [
      ["Content-Type", "application/x-www-form-urlencoded"],
      ["Accept", "application/json"],
    ],
    body: `grant_type=password&client_id=${clientIdShown}&client_secret=<consumer secret>&username=<Username>&password=<Password, with the security token appended outside trusted IP ranges>`,
  }
}

/**
 * The legacy username-password flow. The password lives only in this call: it goes into the one
 * token request and nowhere else. It is not stored, not put in the session or the error cookie, and
 * the transcript replaces it wherever it would appear (lib/transcript/redact.ts; docs/security.md,
 * C-120).
 */
export async function runUsernamePassword(username: string, password: string): Promise<Redirect> {
  try {
    const org = await orgConnection()
    if (!username || !password)
      throw new FlowError("MISSING_CREDENTIALS", "enter both a username and a password")
    const recorder = recorderFor(org).know({ kind: "password", value: password })
    recorder.note(
      "Site: the legacy username-password flow",
      `the password typed for ${username} goes into this one token request, never stored or shown`,
    )
    const client = clientFor(org, recorder)
    return await signInWithTokenRequest("username-password", org, client, recorder, () =>
      client.password(username, password),
    )
  } catch (e) {
    return {
      location: "/flows/error",
      cookies: [await failureCookie(toFailure(e, "username-password"))],
    }
  }
}
