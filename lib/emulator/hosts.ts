import type { EmulatorContext } from "./context"
import { requestHost } from "./request-guard"

/**
 * Which of the org's hosts a request reached. Salesforce serves one org at its My Domain
 * (`MyDomainName.my.salesforce.com`) and at the generic login hosts (`login.salesforce.com`,
 * `test.salesforce.com`), and some rules depend on the host: the Client Credentials flow is
 * refused at the generic host, and the My Domain login policy can refuse logins there.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_client_credentials_flow.htm
 * https://help.salesforce.com/s/articleView?id=sf.domain_name_login_policy.htm
 */
export type HostRole = "my-domain" | "login"

export function hostRole(ctx: EmulatorContext, req: Request): HostRole {
  return ctx.loginHost !== undefined && requestHost(ctx, req) === ctx.loginHost
    ? "login"
    : "my-domain"
}

/** The generic login host's origin, e.g. `http://127.0.0.1:3002` (only when the org has one). */
export function loginHostUrl(ctx: EmulatorContext): string {
  return `${new URL(ctx.baseUrl).protocol}//${ctx.loginHost}`
}
