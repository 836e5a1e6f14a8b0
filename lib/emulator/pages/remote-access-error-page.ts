import { html } from "./html"
import { page } from "./layout"

/**
 * Salesforce's `/setup/secur/RemoteAccessErrorPage.apexp`, where an authorize request the org's
 * policies refuse ends (docs/fidelity.md, F-170): the text below for an uninstalled app is quoted
 * from third-party captures (https://docs.movedata.io/troubleshooting/connection-and-authentication/salesforce-connected-app-usage-restrictions/;
 * "occured" is Salesforce's spelling). Only known codes are shown: the page never echoes the query,
 * so a link cannot make the org display words of someone else's choosing.
 */
const KNOWN: Readonly<Record<string, { description: string; text: string }>> = {
  invalid_client: {
    description: "app must be installed into org",
    text: "OAUTH_APPROVAL_ERROR_GENERIC : An unexpected error has occured during authentication. Please try again.",
  },
  // API Access Control (unverified wording, docs/fidelity.md, F-173).
  OAUTH_APP_BLOCKED: {
    description: "this app is blocked by admin",
    text: "OAUTH_APP_BLOCKED : this app is blocked by admin",
  },
}

export const GENERIC_TEXT = KNOWN.invalid_client!.text

export function remoteAccessErrorPage(
  basePath: string,
  error: string,
  description: string,
): Response {
  const known = Object.hasOwn(KNOWN, error) && KNOWN[error]!.description === description
  const text = known ? KNOWN[error]!.text : GENERIC_TEXT
  const body = html`<div class="card">
<h1>OAuth Error</h1>
<p class="error" role="alert">We can't authorize you because of an OAuth error. For more information, contact your Salesforce administrator.</p>
<p>${text}</p>
</div>`
  return page({ basePath, title: "OAuth Error", body })
}

/** `GET /setup/secur/RemoteAccessErrorPage.apexp?error=…&error_description=…` */
export function remoteAccessErrorGet(ctx: { basePath: string }, req: Request): Response {
  const q = new URL(req.url).searchParams
  return remoteAccessErrorPage(ctx.basePath, q.get("error") ?? "", q.get("error_description") ?? "")
}
