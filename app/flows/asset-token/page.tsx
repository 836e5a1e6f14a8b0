import type { Metadata } from "next"
import { PageLink } from "@/app/_components/page-link"
import { ConfigProblems } from "@/app/_components/config-problems"
import { RequestPreview } from "@/app/_components/request-preview"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import { currentSession } from "@/lib/auth/current-session"
import { FLOW_LABELS } from "@/lib/auth/session-types"
import { DEFAULT_DEVICE, previewAssetToken } from "@/lib/flows/asset-token"
import { AssetTokenCode } from "../_components/server-flow-code"
import { orgOrProblems } from "@/lib/org/or-problems"
import { ACTOR_TOKEN_LIMITS, actorPayload } from "@/lib/salesforce/actor-token"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Asset Token flow | Salesforce OAuth Lab" }

const FIELD = "block w-full max-w-md rounded border border-slate-500 px-2 py-1"

export default async function AssetTokenFlowPage() {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const session = await currentSession()
  return (
    <section>
      <ScriptFree openable={!session} />
      <h1 className="mb-2 text-2xl font-bold">Asset Token flow</h1>
      <p className="mb-2">
        For connected devices: an app that already holds a Salesforce <strong>access token</strong>{" "}
        (from any flow) sends it with an <strong>actor token</strong>, a JWT in which the device
        says who it is (<code>did</code>, <code>Name</code>, <code>Asset</code>), to the token
        endpoint as an RFC 8693 token exchange. Salesforce answers with an{" "}
        <strong>asset token</strong>: a short-lived JWT signed by the org, which the device then
        presents to its backend, and the backend verifies with the org&apos;s keys. Signing the
        actor token with the device&apos;s key, whose public half goes into its <code>cnf</code>{" "}
        claim, proves the device holds that key.
      </p>
      <p className="mb-4 text-sm text-slate-700">
        The org needs &quot;Enable Asset Tokens&quot; on the app, with &quot;Token Valid for&quot;,
        an &quot;Asset Signing Certificate&quot; and the &quot;Asset Audiences&quot;
        {org.embedded
          ? ". In the embedded org they are on its settings page (log in as admin@example.com), on for the lab's app."
          : " (see /setup)."}
      </p>
      {session ? (
        <p role="status" className="mb-4 rounded border border-green-700 bg-green-50 p-3">
          The exchange uses the access token of your session: signed in as{" "}
          <strong>{session.user.username}</strong> through the{" "}
          <strong>{FLOW_LABELS[session.flow]}</strong>. The token stays on the server; the asset
          token comes back to the inspector.
        </p>
      ) : (
        <p role="status" className="mb-4 rounded border border-amber-700 bg-amber-50 p-3">
          Nobody is signed in, and this flow needs a Salesforce access token. Get one first with the{" "}
          <PageLink className="text-blue-800 underline" href="/flows/jwt-bearer">
            JWT Bearer flow
          </PageLink>{" "}
          (one click in the embedded org) or the{" "}
          <PageLink className="text-blue-800 underline" href="/flows/web-server">
            Web Server flow
          </PageLink>
          , then come back here.
        </p>
      )}
      <SequenceDiagram
        title="Asset Token flow"
        actors={["Browser", "This site (the device's app)", "Salesforce"]}
        steps={[
          { from: 0, to: 1, label: "Start (POST: the device's claims)" },
          {
            from: 1,
            to: 2,
            label:
              "POST /token: token-exchange, access token + actor token (signed: cnf = device key)",
          },
          { from: 2, to: 1, label: "asset token (JWT, RS256, expires_in)" },
          { from: 1, to: 2, label: "GET /id/keys: the org's public keys" },
          { from: 1, to: 0, label: "→ token inspector: asset token verified", redirect: true },
        ]}
      />
      <h2 className="mt-6 text-lg font-semibold">The request</h2>
      <p className="text-sm text-slate-700">
        No client authentication: the access token names the app. Nothing is sent until you press
        Start.
      </p>
      <RequestPreview title="Asset token request" preview={previewAssetToken(org)} />
      <h2 className="mt-6 text-lg font-semibold">The actor token&apos;s claims</h2>
      <pre
        tabIndex={0}
        aria-label="Actor token payload"
        className="overflow-x-auto rounded border border-slate-300 bg-slate-50 p-3 text-sm"
      >
        {JSON.stringify(actorPayload(DEFAULT_DEVICE), null, 2)}
      </pre>
      <StartButton action="/flows/asset-token/start">
        <fieldset className="mb-3 space-y-2">
          <legend className="mb-1 font-semibold">The device</legend>
          <label className="block" htmlFor="deviceId">
            Device id (<code>did</code>)
            <input
              id="deviceId"
              name="deviceId"
              className={FIELD}
              required
              maxLength={ACTOR_TOKEN_LIMITS.deviceId}
              pattern="[\w .:#/\-]+"
              defaultValue={DEFAULT_DEVICE.deviceId}
            />
          </label>
          <label className="block" htmlFor="name">
            Name (<code>Name</code>, and <code>Asset.Name</code>)
            <input
              id="name"
              name="name"
              className={FIELD}
              required
              maxLength={ACTOR_TOKEN_LIMITS.name}
              pattern="[\w .:#/\-]+"
              defaultValue={DEFAULT_DEVICE.name}
            />
          </label>
          <label className="block" htmlFor="serialNumber">
            Serial number (<code>Asset.SerialNumber</code>, optional)
            <input
              id="serialNumber"
              name="serialNumber"
              className={FIELD}
              maxLength={ACTOR_TOKEN_LIMITS.serialNumber}
              pattern="[\w .:#/\-]+"
              defaultValue={DEFAULT_DEVICE.serialNumber}
            />
          </label>
          <label className="inline-flex items-center gap-1" htmlFor="sign">
            <input id="sign" type="checkbox" name="sign" value="on" defaultChecked />
            Sign the actor token (RS256 with the configured key, standing in for the device&apos;s;
            its public half goes into <code>cnf.jwk</code>)
          </label>
        </fieldset>
      </StartButton>
      <AssetTokenCode org={org} />
    </section>
  )
}
