/**
 * /setup's part for the Asset Token flow: the app's asset token settings on a real org
 * (https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.remoteaccess_oauth_asset_token_flow_ca.htm,
 * https://help.salesforce.com/apex/HTViewHelpDoc?id=platform.remoteaccess_asset_token_prerequisites.htm).
 */
export function AssetTokenSetup({ embedded }: { embedded: boolean }) {
  return (
    <section aria-labelledby="asset-token-setup-h" className="mb-6">
      <h2 id="asset-token-setup-h" className="mb-2 text-lg font-semibold">
        Asset Token flow
      </h2>
      {embedded ? (
        <p className="mb-2">
          The embedded org issues asset tokens for the lab&apos;s app from the start; its settings
          page (log in as admin@example.com) has the same fields under Asset Tokens.
        </p>
      ) : null}
      <ol className="mb-3 list-decimal pl-6">
        <li>
          Make the asset signing certificate: Setup → Certificate and Key Management → Create
          Self-Signed Certificate (SHA-256). Salesforce keeps its private key; asset tokens are
          signed with it (RS256).
        </li>
        <li>
          On the app, tick Enable Asset Tokens: connected app: App Manager → the app → Edit → API
          (Enable OAuth Settings) → Enable Asset Tokens; External Client App: its OAuth settings
          (metadata <code>assetTokenAudiences</code>, <code>areAttributesIncludedInAssetToken</code>
          , <code>areCustomPermsIncludedInAssetToken</code>).
        </li>
        <li>
          Set Token Valid for (the asset token&apos;s lifetime: keep it short), choose the Asset
          Signing Certificate from step 1, and list the Asset Audiences: the backends that accept
          the asset token (required). Optionally include custom attributes and permissions.
        </li>
        <li>
          The flow needs an access token of the app: sign in with any flow first. The site signs the
          actor token with the configured private key (SALESFORCE_PRIVATE_KEY_FILE), standing in for
          the device&apos;s key; a device backend verifies the asset token with the signing
          certificate&apos;s public key.
        </li>
      </ol>
    </section>
  )
}
