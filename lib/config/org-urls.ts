/** Where the embedded org answers: two loopback origins of its own server (lib/emulator/server/). */
export interface EmbeddedOrgUrls {
  /** The org's My Domain (`instance_url`, issuer, REST API): `http://127.0.0.1:<port>`. */
  myDomainUrl: string
  /** Its generic login host, the stand-in for login.salesforce.com: the next port. */
  loginHostUrl: string
  port: number
  loginHostPort: number
}

export /**
 * The embedded org's two origins. Loopback by IP address, not `localhost`: browsers scope cookies by
 * host name and not by port, so the org's cookies can never reach the site at `localhost` (or the
 * site's the org). Default port: the site's port + 1 (3001 beside the default 3000).
 */
function embeddedOrgUrls(siteUrl: string, portVar: string | undefined): EmbeddedOrgUrls | string {
  const sitePort = Number(new URL(siteUrl).port || 0)
  const port = portVar === undefined ? (sitePort ? sitePort + 1 : 3001) : Number(portVar)
  if (!Number.isInteger(port) || port < 1 || port > 65534)
    return "SALESFORCE_LAB_ORG_PORT must be a port number from 1 to 65534 (the org's login host takes the next port)"
  return {
    myDomainUrl: `http://127.0.0.1:${port}`,
    loginHostUrl: `http://127.0.0.1:${port + 1}`,
    port,
    loginHostPort: port + 1,
  }
}
