import { isLoopbackHost } from "@/lib/config/login-url"
import { classifyLoginHost } from "./login-host"

/**
 * Whether a login URL can take the Client Credentials flow. Salesforce serves that flow only at the
 * org's My Domain (`MyDomainName.my.salesforce.com`, or `….sandbox.my.salesforce.com`), never at
 * login.salesforce.com or test.salesforce.com
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_client_credentials_flow.htm&type=5;
 * docs/fidelity.md, F-121). A loopback http URL is a local org (the embedded one, or a test server)
 * answering as its own My Domain, so it counts as one.
 */
export function isMyDomainLoginUrl(loginUrl: string, opts: { embedded?: boolean } = {}): boolean {
  if (opts.embedded) return true
  if (!URL.canParse(loginUrl)) return false
  const u = new URL(loginUrl)
  if (u.protocol === "http:" && isLoopbackHost(u.hostname)) return true
  const kind = classifyLoginHost(loginUrl)
  return kind === "production-my-domain" || kind === "sandbox-my-domain"
}

/** What to tell a person whose login URL is not a My Domain, for /setup and the flow's page. */
export const MY_DOMAIN_ADVICE =
  "The Client Credentials flow works only at your org's My Domain: set SALESFORCE_LOGIN_URL to https://MyDomainName.my.salesforce.com (Setup → My Domain shows it), not login.salesforce.com or test.salesforce.com."
