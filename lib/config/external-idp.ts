/**
 * The external identity provider the Token Exchange flow starts at. With the embedded org it is the
 * lab's own small provider (lib/idp/), at `http://127.0.0.1:<site port + 3>` unless
 * SALESFORCE_LAB_IDP_PORT says otherwise; with a real org it is the provider the org's Apex token
 * exchange handler trusts, named by SALESFORCE_TOKEN_EXCHANGE_ISSUER and its client
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_token_exchange_overview.htm).
 */
export interface ExternalIdpConfig {
  /** The provider's issuer: its discovery document is `<issuer>/.well-known/openid-configuration`. */
  issuer: string
  /** The site's client at the provider (authorization code + PKCE). */
  clientId: string
  /** Its secret, when the provider wants one (the lab's provider takes a public client). */
  clientSecret?: string
  /** `token_handler`: the Apex handler's developer name, or undefined for the org's default handler. */
  handler?: string
  /** The lab's own provider's port (embedded org only). */
  port?: number
}

/** The site's client at the lab's identity provider: a public client, PKCE only. */
export const LAB_IDP_CLIENT_ID = "salesforce-oauth-lab"
/** The `aud` of the lab provider's JWT access tokens (RFC 9068 §3: the resource they are for). */
export const LAB_IDP_API_AUDIENCE = "https://api.salesforce-oauth-lab.example"
/** The embedded org's modelled handler (its Apex class and OauthTokenExchangeHandler definition). */
export const LAB_TOKEN_HANDLER = "LabTokenExchangeHandler"

export interface ExternalIdpEnv {
  [name: string]: string | undefined
  SALESFORCE_LAB_IDP_PORT?: string
  SALESFORCE_TOKEN_EXCHANGE_ISSUER?: string
  SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID?: string
  SALESFORCE_TOKEN_EXCHANGE_CLIENT_SECRET?: string
  SALESFORCE_TOKEN_EXCHANGE_HANDLER?: string
}

/** The lab provider's port: SALESFORCE_LAB_IDP_PORT, else the site's port + 3 (3003 beside 3000). */
export function labIdpPort(siteUrl: string, portVar: string | undefined): number | string {
  const sitePort = Number(new URL(siteUrl).port || 0)
  const port =
    portVar === undefined || portVar.trim() === ""
      ? sitePort
        ? sitePort + 3
        : 3003
      : Number(portVar)
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    return "SALESFORCE_LAB_IDP_PORT must be a port number from 1 to 65535"
  return port
}

/**
 * The provider for this configuration, or a problem to report. A real org without
 * SALESFORCE_TOKEN_EXCHANGE_ISSUER simply has no Token Exchange flow configured (undefined).
 */
export function externalIdpConfig(
  env: ExternalIdpEnv,
  siteUrl: string,
  mode: "emulator" | "real",
): { idp?: ExternalIdpConfig; problems: string[] } {
  const problems: string[] = []
  const handler = env.SALESFORCE_TOKEN_EXCHANGE_HANDLER?.trim() || undefined
  if (handler && !/^[A-Za-z][A-Za-z0-9_]{0,79}$/.test(handler))
    problems.push(
      "SALESFORCE_TOKEN_EXCHANGE_HANDLER must be the handler's developer name (letters, digits, _)",
    )
  // As written, "/" included: an issuer is compared exactly (OpenID Connect Discovery 1.0 §4.3),
  // and some providers' (Auth0's) end with "/".
  const issuer = env.SALESFORCE_TOKEN_EXCHANGE_ISSUER?.trim()
  if (issuer) {
    let url: URL | undefined
    try {
      url = new URL(issuer)
    } catch {
      // reported below
    }
    const loopback = url && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname)
    if (!url || !(url.protocol === "https:" || (url.protocol === "http:" && loopback)))
      problems.push(
        "SALESFORCE_TOKEN_EXCHANGE_ISSUER must be an https URL (plain http only on loopback)",
      )
    const clientId = env.SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID?.trim()
    if (!clientId)
      problems.push("SALESFORCE_TOKEN_EXCHANGE_ISSUER needs SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID")
    if (problems.length) return { problems }
    return {
      idp: {
        issuer,
        clientId: clientId!,
        clientSecret: env.SALESFORCE_TOKEN_EXCHANGE_CLIENT_SECRET?.trim() || undefined,
        handler,
      },
      problems,
    }
  }
  if (mode === "real") return { problems }
  const port = labIdpPort(siteUrl, env.SALESFORCE_LAB_IDP_PORT)
  if (typeof port === "string") return { problems: [...problems, port] }
  return {
    idp: {
      issuer: `http://127.0.0.1:${port}`,
      clientId: LAB_IDP_CLIENT_ID,
      handler: handler ?? LAB_TOKEN_HANDLER,
      port,
    },
    problems,
  }
}

/** The site's callback at the provider. */
export const idpCallbackUrl = (siteUrl: string) => `${siteUrl}/flows/token-exchange/idp-callback`
