import "server-only"
import type { ClientSecretVia } from "@/lib/salesforce/client"
import { FlowError } from "@/lib/salesforce/errors"
import { isMyDomainLoginUrl, MY_DOMAIN_ADVICE } from "@/lib/salesforce/my-domain"
import { clientFor, orgConnection, recorderFor, type OrgConnection } from "@/lib/org/connection"
import type { Redirect } from "@/lib/http/respond"
import { signInWithTokenRequest } from "./shared/token-sign-in"
import { failureCookie, toFailure } from "./shared/flow-error"
import type { TokenRequestPreview } from "./shared/request-preview"

export const SECRET_VIAS: readonly ClientSecretVia[] = ["body", "basic"]

/** Where the token request goes: the org's My Domain, or (embedded org only) its generic login host. */
export type TokenHost = "my-domain" | "login-host"
export const TOKEN_HOSTS: readonly TokenHost[] = ["my-domain", "login-host"]

/** The embedded org's generic login host (the stand-in for login.salesforce.com), when there is one. */
export function embeddedLoginHost(org: OrgConnection): string | undefined {
  return org.embedded ? org.config.org?.loginHostUrl : undefined
}

/**
 * The token request exactly as the site would send it, for the flow page, with the secret shown as
 * a placeholder: in the body (`client_secret_post`) the secret is a form field; with HTTP Basic
 * (`client_secret_basic`, RFC 6749 §2.3.1) the key and secret travel together in one header and the
 * body names neither.
 */
export function previewClientCredentials(
  org: OrgConnection,
  via: ClientSecretVia,
  clientIdShown = org.clientId,
): TokenRequestPreview {
  const url = `${org.loginUrl.replace(/\/+$/, "")}/services/oauth2/token`
  const headers: [string, string][] = [
    ["Content-Type", "application/x-www-form-urlencoded"],
    ["Accept", "application/json"],
  ]
  if (via === "basic") {
    headers.push([
      "Authorization",
      `Basic base64(${clientIdShown}:<consumer secret>), each part form-encoded`,
    ])
    return { method: "POST", url, headers, body: "grant_type=client_credentials" }
  }
  const body = `grant_type=client_credentials&client_id=${clientIdShown}&client_secret=<consumer secret>`
  return { method: "POST", url, headers, body }
}

/**
 * Trades the app's own credentials for an access token of its Run-As user. The login URL must be
 * the org's My Domain: at login.salesforce.com Salesforce refuses the grant, so the site says so
 * without sending the secret there (docs/security.md, C-121).
 */
export async function runClientCredentials(
  via: ClientSecretVia,
  at: TokenHost = "my-domain",
): Promise<Redirect> {
  try {
    const org = await orgConnection()
    if (!isMyDomainLoginUrl(org.loginUrl, { embedded: org.embedded }))
      throw new FlowError(
        "NOT_MY_DOMAIN",
        `${org.loginUrl} is not a My Domain. ${MY_DOMAIN_ADVICE}`,
      )
    const recorder = recorderFor(org)
    recorder.note(
      "Site: authenticate as the app",
      via === "basic"
        ? "client_id and client_secret in an HTTP Basic Authorization header (client_secret_basic)"
        : "client_id and client_secret in the form body (client_secret_post)",
    )
    // The embedded org's generic login host, on request, to show Salesforce's refusal there.
    const loginHost = at === "login-host" ? embeddedLoginHost(org) : undefined
    if (loginHost)
      recorder.note(
        "Site: to the generic login host, on purpose",
        `the token request goes to ${loginHost}, the embedded org's stand-in for login.salesforce.com, which refuses this flow`,
      )
    const client = clientFor(loginHost ? { ...org, loginUrl: loginHost } : org, recorder)
    return await signInWithTokenRequest("client-credentials", org, client, recorder, () =>
      client.clientCredentials(via),
    )
  } catch (e) {
    return {
      location: "/flows/error",
      cookies: [await failureCookie(toFailure(e, "client-credentials"))],
    }
  }
}
