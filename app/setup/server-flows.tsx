import { isMyDomainLoginUrl, MY_DOMAIN_ADVICE } from "@/lib/salesforce/my-domain"

/**
 * /setup's part for the two flows with no login page of their own: what the Client Credentials flow
 * needs (a My Domain login URL, the flow enabled, a Run-As user) and where the legacy
 * Username-Password flow is allowed, for a connected app and an External Client App.
 */
export function ServerFlowsSetup({ loginUrl, embedded }: { loginUrl?: string; embedded: boolean }) {
  const myDomain = loginUrl ? isMyDomainLoginUrl(loginUrl, { embedded }) : undefined
  return (
    <section aria-labelledby="server-flows-h" className="mb-6">
      <h2 id="server-flows-h" className="mb-2 text-lg font-semibold">
        Client Credentials and Username-Password flows
      </h2>
      {myDomain === false ? (
        <p role="alert" className="mb-2 rounded border border-amber-700 bg-amber-50 p-3">
          SALESFORCE_LOGIN_URL ({loginUrl}) is not a My Domain host. {MY_DOMAIN_ADVICE}
        </p>
      ) : myDomain ? (
        <p className="mb-2">
          {embedded
            ? "The embedded org answers as its own My Domain: the Client Credentials flow can run once it is enabled on the org's settings page (log in as admin@example.com)."
            : `SALESFORCE_LOGIN_URL (${loginUrl}) is a My Domain host: the Client Credentials flow can reach it.`}
        </p>
      ) : null}
      <h3 className="font-semibold">Client Credentials</h3>
      <ol className="mb-3 list-decimal pl-6">
        <li>
          External Client App: Settings → OAuth Settings → Flow Enablement → tick Enable Client
          Credentials Flow. Connected app: App Manager → the app → Edit → API (Enable OAuth
          Settings) → tick Enable Client Credentials Flow.
        </li>
        <li>
          Choose the Run As user: External Client App: Policies → OAuth Policies → Client
          Credentials Flow → Run As; connected app: Manage → Edit Policies → Client Credentials Flow
          → Run As. It must be active with API access; an API Only integration user with only the
          permissions the job needs is best.
        </li>
        <li>
          Give the app the api scope, and set SALESFORCE_LOGIN_URL to the My Domain
          (https://MyDomainName.my.salesforce.com). The consumer key and secret are the two
          variables above; nothing else is needed.
        </li>
      </ol>
      <h3 className="font-semibold">Username-Password (legacy)</h3>
      <p>
        External Client Apps do not support it: only a connected app can use it, and only once Setup
        → OAuth and OpenID Connect Settings → Allow OAuth Username-Password Flows is on (off by
        default in orgs created since Summer &apos;23). The username and password are typed on the
        flow&apos;s page, never configured. Prefer the Client Credentials flow.
      </p>
    </section>
  )
}
