/** Step-by-step app setup in a real org, for an External Client App and for an existing Connected App. */
export function SetupInstructions({ callbacks }: { callbacks: string[] }) {
  const common = (
    <>
      <li>
        OAuth scopes: <em>Manage user data via APIs (api)</em>,{" "}
        <em>Perform requests at any time (refresh_token, offline_access)</em>,{" "}
        <em>Access unique user identifiers (openid)</em>.
      </li>
      <li>
        Callback URLs, one per line:
        <ul className="pl-4">
          {callbacks.map((c) => (
            <li key={c}>
              <code className="break-all">{c}</code>
            </li>
          ))}
        </ul>
      </li>
      <li>
        Require PKCE for the web server flow (this site always sends it); keep &quot;Require secret
        for the web server flow&quot; on.
      </li>
      <li>
        JWT Bearer: enable it and upload the certificate of your key (<code>server.crt</code>; make
        a pair on{" "}
        <a className="text-blue-800 underline" href="/setup/keys">
          /setup/keys
        </a>
        ).
      </li>
      <li>
        Device flow (
        <a className="text-blue-800 underline" href="/flows/device">
          /flows/device
        </a>
        ): tick &quot;Enable for Device Flow&quot; (External Client App: Flow Enablement).
        Salesforce blocks the Device flow for apps not installed in the org.
      </li>
    </>
  )
  return (
    <div className="grid gap-4 md:grid-cols-2">
      <div className="rounded border border-slate-300 bg-white p-4">
        <h3 className="mb-2 font-semibold">
          A new External Client App (Spring &apos;26 and later)
        </h3>
        <ol className="list-decimal space-y-1 pl-6 text-sm">
          <li>
            Setup → External Client App Manager → New External Client App. Distribution: Local.
          </li>
          <li>Enable OAuth, then under OAuth Settings:</li>
          {common}
          <li>
            Save. Settings → OAuth Settings → Consumer Key and Secret: copy them into
            SALESFORCE_CLIENT_ID and SALESFORCE_CLIENT_SECRET.
          </li>
          <li>
            Policies → App Policies: Permitted Users &quot;Admin approved users are
            pre-authorized&quot;, and select the permission sets of the JWT Bearer user.
          </li>
          <li>Wait 2–10 minutes, then run Check my setup below.</li>
        </ol>
      </div>
      <div className="rounded border border-slate-300 bg-white p-4">
        <h3 className="mb-2 font-semibold">An existing Connected App</h3>
        <p className="mb-2 text-sm">
          Since Spring &apos;26 new Connected Apps need Salesforce Support; existing ones keep
          working.
        </p>
        <ol className="list-decimal space-y-1 pl-6 text-sm">
          <li>Setup → App Manager → the app → ▾ → Edit. Under API (Enable OAuth Settings):</li>
          {common}
          <li>
            ▾ → Manage → Edit Policies: Permitted Users &quot;Admin approved users are
            pre-authorized&quot;; then Profiles → Manage Profiles or Permission Sets → Manage
            Permission Sets for the JWT Bearer user.
          </li>
          <li>
            Since September 2025: Setup → Connected Apps OAuth Usage → the app → Install
            (uninstalled apps are blocked for most users).
          </li>
          <li>
            View → Manage Consumer Details: copy the key and secret. Wait 2–10 minutes, then run
            Check my setup.
          </li>
        </ol>
      </div>
    </div>
  )
}
