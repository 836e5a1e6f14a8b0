import "server-only"
import { getConfig, type SiteConfig } from "@/lib/config/env"
import { siteAppCredentials } from "@/lib/emulator/site"
import { USERS } from "@/lib/emulator/seed/records"
import { SalesforceClient } from "@/lib/salesforce/client"
import type { ClientAuthMethod } from "@/lib/salesforce/client-auth"
import { FlowError } from "@/lib/salesforce/errors"
import { planAssertion, signAssertion } from "@/lib/salesforce/jwt-assertion"
import { jwtAudience } from "@/lib/salesforce/login-host"
import { callbackUrls } from "@/lib/site-urls"
import { TranscriptRecorder } from "@/lib/transcript/recorder"
import { nodeFetch } from "@/lib/http/node-fetch"
import { MAX_BODY } from "@/lib/salesforce/http-exchange"

// One byte past the client's limit: the setup checks tell an answer that is too long that way.
const backChannelFetch = nodeFetch(MAX_BODY + 1)

/** The org the site talks to, with the credentials it uses there (server-side only). */
export interface OrgConnection {
  config: SiteConfig
  embedded: boolean
  loginUrl: string
  clientId: string
  clientSecret: string
  privateKeyPem?: string
  audience: string
  scopes: string
  /** Who the JWT Bearer flow may sign for: never a username from the request (no impersonation). */
  jwtUsernames: string[]
  callbacks: { webServer: string; userAgent: string }
  /**
   * Over the network in both modes: the embedded org is a server of its own, like Salesforce.
   * node:http(s), not the platform's fetch (lib/http/node-fetch.ts says why).
   */
  fetch: typeof fetch
}

export async function orgConnection(): Promise<OrgConnection> {
  const config = getConfig()
  const [webServer, userAgent] = callbackUrls(config.siteUrl) as [string, string]
  const common = {
    config,
    loginUrl: config.loginUrl,
    scopes: config.scopes,
    callbacks: { webServer, userAgent },
  }
  if (config.mode === "emulator") {
    const c = await siteAppCredentials()
    return {
      ...common,
      embedded: true,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      privateKeyPem: c.privateKeyPem,
      // Salesforce's audience is its login server, never a My Domain: here, the org's login host.
      audience: jwtAudience(config.org?.loginHostUrl ?? config.loginUrl, {
        embedded: true,
        override: config.jwtAudience,
      }),
      // The pre-authorized user first, so the JWT Bearer flow works on the first try.
      jwtUsernames: config.jwtUsernames.length
        ? config.jwtUsernames
        : [...USERS]
            .sort((a, b) => Number(b.preauthorizedByDefault) - Number(a.preauthorizedByDefault))
            .map((u) => u.Username),
      fetch: backChannelFetch,
    }
  }
  const app = config.app!
  return {
    ...common,
    embedded: false,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    privateKeyPem: app.privateKeyPem,
    audience: jwtAudience(config.loginUrl, { override: config.jwtAudience }),
    jwtUsernames: config.jwtUsernames,
    fetch: backChannelFetch,
  }
}

/**
 * A client whose every exchange goes into `recorder`'s transcript, authenticating its code and
 * refresh requests with `auth` (the secret by default).
 */
export function clientFor(
  org: OrgConnection,
  recorder?: TranscriptRecorder,
  auth: ClientAuthMethod = "secret",
): SalesforceClient {
  return new SalesforceClient({
    loginUrl: org.loginUrl,
    clientId: org.clientId,
    clientSecret: org.clientSecret,
    fetch: org.fetch,
    record: recorder?.exchange,
    auth,
    signClientAssertion: (audience) => signClientAssertion(org, audience),
  })
}

/**
 * A private key JWT client assertion (RFC 7523 §2.2, §3): `iss` = `sub` = the consumer key, `aud` the
 * token endpoint, `exp` three minutes ahead, a fresh `jti`, RS256 with the key the JWT Bearer flow uses.
 */
async function signClientAssertion(org: OrgConnection, audience: string): Promise<string> {
  if (!org.privateKeyPem)
    throw new FlowError(
      "CONFIG_INVALID",
      "Private key JWT needs a private key (SALESFORCE_PRIVATE_KEY or SALESFORCE_PRIVATE_KEY_FILE)",
    )
  const plan = planAssertion({ clientId: org.clientId, username: org.clientId, audience })
  return signAssertion(plan, org.privateKeyPem)
}

/** A recorder for a new (or, given its id, a continuing) transcript that hides this org's client secret. */
export function recorderFor(org: OrgConnection, id?: string): TranscriptRecorder {
  return (id ? new TranscriptRecorder(id) : TranscriptRecorder.start()).know({
    kind: "client_secret",
    value: org.clientSecret,
  })
}
