import "server-only"
import type { FlowName } from "@/lib/auth/session-types"
import { ConfigError } from "@/lib/config/errors"
import { FlowError, SalesforceOAuthError } from "@/lib/salesforce/errors"
import { sealCookie } from "@/lib/auth/sealed-cookie"

export const ERROR_COOKIE = "sfl_error"
export const ERROR_PURPOSE = "flow error"

/** What the error page shows: Salesforce's words when it refused, or the site's own check. */
export interface FlowFailure {
  flow?: FlowName
  /** Salesforce's `error` and `error_description`, untouched (rendered as text). */
  error?: string
  errorDescription?: string
  /** The site's own failure code and message. */
  code?: string
  message?: string
  /** The username a JWT Bearer attempt was for (to offer the one-time approval). */
  username?: string
  /** The failed flow's transcript, shown on the error page. */
  transcriptId?: string
}

export function toFailure(
  e: unknown,
  flow?: FlowName,
  extra: Partial<FlowFailure> = {},
): FlowFailure {
  if (e instanceof SalesforceOAuthError)
    return {
      flow,
      error: e.error.slice(0, 200),
      errorDescription: e.errorDescription.slice(0, 1000),
      ...extra,
    }
  if (e instanceof FlowError)
    return { flow, code: e.code, message: e.message.slice(0, 1000), ...extra }
  if (e instanceof ConfigError)
    return { flow, code: "CONFIG_INVALID", message: e.problems.join("; ").slice(0, 1000), ...extra }
  // Not an expected failure: say so without leaking internals; the log has the name only.
  console.error(`[flow ${flow ?? "?"}] unexpected ${e instanceof Error ? e.name : "error"}`)
  return {
    flow,
    code: "UNEXPECTED",
    message: "the site hit an unexpected error while completing the flow",
    ...extra,
  }
}

/** The failure travels to /flows/error in a sealed, one-minute cookie, never in the URL. */
export async function failureCookie(f: FlowFailure): Promise<string> {
  return sealCookie(ERROR_COOKIE, ERROR_PURPOSE, { ...f }, 60)
}
