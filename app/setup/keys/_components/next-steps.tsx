/** What to do with a freshly made key and certificate, in a Connected App and in an External Client App. */
export function NextSteps() {
  return (
    <>
      <h3 className="mt-6 font-semibold">Next steps</h3>
      <ol className="mt-1 list-decimal space-y-1 pl-6 text-sm">
        <li>
          Keep <code>server.key</code> next to the app, out of version control (add it to{" "}
          <code>.gitignore</code>) and readable by the app alone (<code>chmod 600 server.key</code>
          ).
        </li>
        <li>
          Upload <code>server.crt</code> to the app. Connected App: Setup → App Manager → your app →
          ▾ → Edit → API (Enable OAuth Settings) → Use digital signatures → Choose File → Save.
          External Client App: Setup → External Client App Manager → your app → Edit → Settings →
          OAuth Settings → Flow Enablement → Enable JWT Bearer Flow → upload the certificate; then
          pre-authorize the users under Policies → App Policies (permission sets).
        </li>
        <li>
          Point the site at the key in <code>.env.local</code>:{" "}
          <code>SALESFORCE_PRIVATE_KEY_FILE=./server.key</code>, and restart it.
        </li>
        <li>
          Check the pair: paste <code>server.crt</code> into the checker below.
        </li>
      </ol>
    </>
  )
}
