const META = "https://developer.salesforce.com/docs/atlas.en-us.api_meta.meta/api_meta"

/** Each claim with the Salesforce page it comes from; "unverified" where none says it. */
const CHANGES: { claim: string; source?: { href: string; label: string } }[] = [
  {
    claim:
      "Username-Password is not supported: a migrated app that used it stops working with it. Use the Web Server flow with PKCE or the Client Credentials flow.",
    source: {
      href: "https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.connected_app_to_external_client_app_migration.htm",
      label: "Connected App to External Client App Migration",
    },
  },
  {
    claim:
      "The Client Credentials Run-As user is an admin policy of the app (clientCredentialsFlowUser, with isClientCredentialsFlowEnabled, in its OAuth policies), and it must have the API Only permission.",
    source: {
      href: `${META}/meta_extlclntappoauthconfigurablepolicies.htm`,
      label: "ExtlClntAppOauthConfigurablePolicies",
    },
  },
  {
    claim:
      "Developer settings and admin policies are separate: the developer's OAuth settings can be packaged, the subscriber's policies stay in the org. The app is closed by default: it must be installed before anyone can use it.",
    source: {
      href: "https://developer.salesforce.com/blogs/2025/01/secure-your-org-with-external-client-apps.html",
      label: "Secure Your Org with External Client Apps",
    },
  },
  {
    claim:
      "Metadata: one ConnectedApp type becomes ExternalClientApplication plus ExtlClntAppOauthSettings, ExtlClntAppGlobalOauthSettings and ExtlClntAppOauthConfigurablePolicies. The global settings (callback URL, certificate, consumer key and secret) cannot be packaged and must not go into source control.",
    source: {
      href: `${META}/meta_extlclntappglobaloauthsettings.htm`,
      label: "ExtlClntAppGlobalOauthSettings",
    },
  },
  {
    claim:
      "Migrating with Migrate to External Client App (App Manager) leaves the connected app read-only; deleting the new app makes the connected app active again.",
    source: {
      href: "https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.migrate_connected_app_to_external_client_app.htm",
      label: "Create an External Client App from a Connected App",
    },
  },
  {
    claim:
      "A new External Client App gets a new consumer key and secret: update SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET. Whether the migration keeps the connected app's key and secret is not stated on Salesforce's migration pages (unverified).",
  },
  {
    claim:
      "User-Agent flow: the four ECA metadata types have no field for it, and no Salesforce page found here says whether an External Client App accepts response_type=token (unverified). Prefer the Web Server flow with PKCE.",
  },
]

/** /setup's short "Moving from a Connected App to an External Client App". */
export function EcaMigration() {
  return (
    <section aria-labelledby="eca-move-h" className="mb-6">
      <h2 id="eca-move-h" className="mb-2 text-lg font-semibold">
        Moving from a Connected App to an External Client App
      </h2>
      <ul className="list-disc space-y-1 pl-6 text-sm">
        {CHANGES.map((c) => (
          <li key={c.claim}>
            {c.claim}
            {c.source ? (
              <>
                {" "}
                (
                <a className="text-blue-800 underline" href={c.source.href}>
                  {c.source.label}
                </a>
                )
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}
