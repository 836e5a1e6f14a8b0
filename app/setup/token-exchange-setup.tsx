import { LAB_IDP_API_AUDIENCE } from "@/lib/config/external-idp"
import type { ExternalIdpConfig } from "@/lib/config/external-idp"
import { apexHandlerClass, APEX_TEST_CLASS } from "@/lib/setup/token-exchange-apex"

/**
 * /setup's part for the Token Exchange flow on a real org
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_token_exchange_overview.htm):
 * the app, the Apex class (the one the embedded org models), the handler, and the site's variables.
 */
export function TokenExchangeSetup({ idp }: { idp?: ExternalIdpConfig }) {
  const issuer = idp?.issuer ?? "https://your-idp.example.com"
  return (
    <section aria-labelledby="token-exchange-h" className="mb-6">
      <h2 id="token-exchange-h" className="mb-2 text-lg font-semibold">
        Token Exchange flow
      </h2>
      <ol className="mb-3 list-decimal pl-6">
        <li>
          The app: connected app → Edit → API (Enable OAuth Settings) → tick Enable Token Exchange
          Flow (and Require Secret for Token Exchange Flow); External Client App: Settings → OAuth
          Settings → Flow Enablement.
        </li>
        <li>Setup → Apex Classes → New: paste the handler class below, then its test class.</li>
        <li>
          Setup → Quick Find: Token Exchange Handlers → New: name it LabTokenExchangeHandler, pick
          the class, tick the supported token types (ID Token, Access Token) and, to create missing
          users, Allow user creation.
        </li>
        <li>
          The handler → View Details → Enabled Apps → Enable New App: this app, with a Run As user.
        </li>
        <li>
          At your identity provider, register a client with the callback{" "}
          <code>&lt;site&gt;/flows/token-exchange/idp-callback</code>; set
          SALESFORCE_TOKEN_EXCHANGE_ISSUER, SALESFORCE_TOKEN_EXCHANGE_CLIENT_ID (and _SECRET) and
          SALESFORCE_TOKEN_EXCHANGE_HANDLER.
        </li>
      </ol>
      <h3 className="font-semibold">Apex: LabTokenExchangeHandler</h3>
      <pre className="mb-3 overflow-x-auto rounded bg-slate-100 p-3 text-sm" tabIndex={0}>
        {apexHandlerClass({
          issuer,
          jwksUrl: `${issuer}/jwks`,
          audience: idp?.clientId ?? LAB_IDP_API_AUDIENCE,
        })}
      </pre>
      <h3 className="font-semibold">Apex: LabTokenExchangeHandlerTest</h3>
      <pre className="overflow-x-auto rounded bg-slate-100 p-3 text-sm" tabIndex={0}>
        {APEX_TEST_CLASS}
      </pre>
    </section>
  )
}
