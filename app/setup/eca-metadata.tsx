import { CopyButton } from "@/app/inspector/_components/copy-button"
import {
  ECA_GLOBAL_OAUTH,
  ECA_HEADER,
  ECA_OAUTH_POLICIES,
  ECA_OAUTH_SETTINGS,
} from "@/lib/salesforce/eca/metadata-types"
import { ECA_FLOW_LABELS, ECA_FLOWS } from "@/lib/salesforce/eca/policies"
import { ECA_PROJECT_DIR } from "@/lib/salesforce/eca/generate"

const DEPLOY_HELP =
  "https://help.salesforce.com/s/articleView?id=xcloud.deploy_external_client_app.htm&type=5"
export const DEPLOY_COMMAND = `unzip ${ECA_PROJECT_DIR}.zip && cd ${ECA_PROJECT_DIR}
sf project deploy start --manifest package.xml --target-org <alias>`

const field = "rounded border border-slate-500 px-2 py-1 text-sm"

/**
 * /setup's "External Client App metadata": a plain GET form (no script) whose answer is the zip
 * (app/setup/eca/route.ts); the embedded org's settings page imports the same zip.
 */
export function EcaMetadataSetup({
  hasCertificate,
  embedded,
}: {
  hasCertificate: boolean
  embedded: boolean
}) {
  return (
    <section id="eca" aria-labelledby="eca-h" className="mb-6">
      <h2 id="eca-h" className="mb-2 text-lg font-semibold">
        External Client App metadata
      </h2>
      <p className="mb-2 text-sm">
        One zip, a Salesforce DX project with the app&apos;s four metadata files (
        {[ECA_HEADER, ECA_GLOBAL_OAUTH, ECA_OAUTH_SETTINGS, ECA_OAUTH_POLICIES].map((t, i) => (
          <span key={t.name}>
            {i ? ", " : ""}
            <a className="text-blue-800 underline" href={t.source}>
              {t.name}
            </a>
          </span>
        ))}
        ), <code>package.xml</code> and <code>sfdx-project.json</code>. It holds no consumer key, no
        consumer secret and no private key: Salesforce makes the key and secret on the first deploy.
      </p>
      <form method="get" action="/setup/eca" className="space-y-3 rounded border p-3">
        <fieldset>
          <legend className="font-semibold">Flows</legend>
          {ECA_FLOWS.map((f) => (
            <label key={f} className="mr-4 inline-flex items-center gap-1">
              <input type="checkbox" name="flow" value={f} defaultChecked={f !== "device"} />
              {ECA_FLOW_LABELS[f]}
            </label>
          ))}
          <p className="text-sm text-slate-700">
            Username-Password is not offered: External Client Apps do not support it (
            <a
              className="text-blue-800 underline"
              href="https://help.salesforce.com/apex/HTViewHelpDoc?id=xcloud.connected_app_to_external_client_app_migration.htm"
            >
              Salesforce Help
            </a>
            ).
          </p>
        </fieldset>
        <p className="text-sm">
          {hasCertificate
            ? "JWT Bearer: the zip carries the configured app certificate (server.crt, public) in the certificate element, which enables the flow."
            : "JWT Bearer: no certificate is configured (a real org's configuration holds only the private key), so the zip has no certificate element. Upload server.crt (make one on /setup/keys) to the app after the deploy."}
        </p>
        <div className="flex flex-wrap gap-4">
          <label className="flex flex-col text-sm">
            Contact email (required by the app header)
            <input name="contactEmail" type="email" required className={field} />
          </label>
          <label className="flex flex-col text-sm">
            Client Credentials Run-As username
            <input
              name="runAs"
              placeholder={embedded ? "admin@example.com" : "integration@example.com"}
              className={field}
            />
          </label>
          <label className="flex flex-col text-sm">
            Permitted users
            <select name="permittedUsers" className={field}>
              <option value="AdminApprovedPreAuthorized">
                Admin approved users are pre-authorized
              </option>
              <option value="AllSelfAuthorized">All users may self-authorize</option>
            </select>
          </label>
          <label className="flex flex-col text-sm">
            Refresh token policy
            <select name="refreshPolicy" className={field}>
              <option value="Infinite">Valid until revoked</option>
              <option value="SpecificLifetime">Expire after</option>
              <option value="SpecificInactivity">Expire if not used for</option>
              <option value="Zero">Expire immediately</option>
            </select>
          </label>
          <label className="flex flex-col text-sm">
            Period (for the two timed policies)
            <input
              name="refreshPeriod"
              type="number"
              min={1}
              max={999}
              defaultValue={30}
              className={field}
            />
          </label>
          <label className="flex flex-col text-sm">
            Unit
            <select name="refreshUnit" className={field} defaultValue="Days">
              <option>Hours</option>
              <option>Days</option>
              <option>Months</option>
            </select>
          </label>
          <label className="flex flex-col text-sm">
            IP relaxation
            <select name="ipRelaxation" className={field}>
              <option value="Enforce">Enforce IP restrictions</option>
              <option value="Bypass">Relax IP restrictions</option>
              <option value="Bypass_2factor">Relax IP restrictions with second factor</option>
              <option value="Enforce_RelaxRefresh">Enforce, relaxed for refresh tokens</option>
            </select>
          </label>
        </div>
        <fieldset className="text-sm">
          <legend className="font-semibold">Policies</legend>
          {[
            ["pkce", "Require PKCE", true],
            ["secretWebServer", "Require secret for the Web Server flow", true],
            ["secretRefresh", "Require secret for the Refresh Token flow", true],
            ["rotation", "Refresh token rotation", false],
            ["highAssurance", "High-assurance session required", false],
          ].map(([name, label, on]) => (
            <label key={String(name)} className="mr-4 inline-flex items-center gap-1">
              <input type="checkbox" name={String(name)} defaultChecked={Boolean(on)} />
              {label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="rounded bg-blue-800 px-4 py-1.5 font-semibold text-white">
          Download the zip
        </button>
      </form>
      <p className="mt-3 text-sm">
        Deploy it (the Salesforce CLI runs inside the project folder, where sfdx-project.json is;{" "}
        <a className="text-blue-800 underline" href={DEPLOY_HELP}>
          Salesforce Help
        </a>
        ). The org needs External Client Apps enabled and, for the global OAuth settings,
        &ldquo;Allow Access to OAuth Consumer Secrets via Metadata API&rdquo;:
      </p>
      <pre className="my-2 overflow-x-auto rounded bg-slate-100 p-2 text-sm">
        <code>{DEPLOY_COMMAND}</code>
      </pre>
      <CopyButton text={DEPLOY_COMMAND} label="Copy the commands" />
      <p className="mt-2 text-sm">
        {embedded
          ? "The embedded org imports the same zip: its settings page (log in as admin@example.com), Import External Client App metadata."
          : "The embedded org's settings page imports the same zip, when you run the lab offline."}
      </p>
    </section>
  )
}
