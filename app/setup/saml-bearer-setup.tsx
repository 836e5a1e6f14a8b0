/**
 * /setup's part for the SAML Bearer flow: the same app, certificate, key and usernames as the JWT
 * Bearer flow, and the Salesforce-side steps
 * (https://help.salesforce.com/s/articleView?id=xcloud.remoteaccess_oauth_SAML_bearer_flow.htm&type=5).
 */
export function SamlBearerSetup({ embedded }: { embedded: boolean }) {
  return (
    <section aria-labelledby="saml-bearer-h" className="mb-6">
      <h2 id="saml-bearer-h" className="mb-2 text-lg font-semibold">
        SAML Bearer flow
      </h2>
      <p className="mb-2">
        {embedded
          ? "The embedded org's app already holds the site's certificate, and admin@example.com is pre-authorized: the flow works at once for that user."
          : "It uses what the JWT Bearer flow uses: SALESFORCE_CLIENT_ID, the private key (SALESFORCE_PRIVATE_KEY_FILE or SALESFORCE_PRIVATE_KEY) and the usernames (SALESFORCE_USERNAME, SALESFORCE_JWT_USERNAMES). Nothing else to configure on the site."}
      </p>
      <ol className="mb-3 list-decimal pl-6">
        <li>
          Upload the certificate of the private key: connected app: Setup → App Manager → the app →
          Edit → API (Enable OAuth Settings) → tick Use digital signatures → Choose File
          (server.crt); External Client App: Settings → OAuth Settings → upload the certificate.
          /setup/keys makes a key and certificate, and checks that they match.
        </li>
        <li>
          Pre-authorize the users the site signs for: Manage → Edit Policies → Permitted Users
          &quot;Admin approved users are pre-authorized&quot;, then add their profile or a
          permission set on the app (External Client Apps: permission sets only). Or let each user
          approve the app once with the refresh_token scope (the Web Server flow).
        </li>
        <li>
          Give the app the scopes api and refresh_token (refresh_token is required for prior
          approval even though this flow returns no refresh token).
        </li>
        <li>
          Audience and Recipient follow SALESFORCE_LOGIN_URL: https://login.salesforce.com (and its
          /services/oauth2/token) for production and production My Domain,
          https://test.salesforce.com for sandboxes; SALESFORCE_JWT_AUDIENCE overrides both.
        </li>
      </ol>
    </section>
  )
}
