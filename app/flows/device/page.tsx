import type { Metadata } from "next"
import { headers } from "next/headers"
import { maskKey } from "@/app/_components/mask"
import { ParamsTable } from "@/app/_components/params-table"
import { SequenceDiagram } from "@/app/_components/sequence-diagram"
import { StartButton } from "@/app/_components/start-button"
import { ConfigProblems } from "@/app/_components/config-problems"
import { deviceWaiting, type DeviceWaiting } from "@/lib/flows/device"
import { orgOrProblems } from "@/lib/org/or-problems"
import { DeviceCode } from "../_components/server-flow-code"
import { DevicePoller } from "./device-poller"
import { QrCode } from "./qr-code"
import { ScriptFree } from "@/app/_components/script-free"

export const dynamic = "force-dynamic"
export const metadata: Metadata = { title: "Device flow | Salesforce OAuth Lab" }

export default async function DeviceFlowPage() {
  const { org, problems } = await orgOrProblems()
  if (!org) return <ConfigProblems problems={problems} />
  const waiting = await deviceWaiting((await headers()).get("cookie"))
  const token = `${org.loginUrl}/services/oauth2/token`
  return (
    <section>
      <h1 className="mb-2 text-2xl font-bold">Device flow</h1>
      <p className="mb-2">
        For a device with no browser or keyboard worth typing on: a command-line tool, a TV, a
        kiosk. The device asks Salesforce for a short user code and shows it; the person opens the
        verification page on a phone or laptop, logs in, enters the code and allows access; the
        device polls the token endpoint until the tokens come. Here this site plays the device.
      </p>
      <p className="mb-2 text-sm text-slate-700">
        The app needs <em>Enable for Device Flow</em>. Since September 2025 Salesforce blocks the
        Device flow for apps that are not installed in the org, even for users who approved them
        before: install the app (Setup → Connected Apps OAuth Usage → Install) or use an External
        Client App.
      </p>
      {waiting ? (
        <Waiting w={waiting} />
      ) : (
        <>
          {/* Until a code waits the page is plain HTML; the waiting page polls with DevicePoller. */}
          <ScriptFree openable />
          <StartButton action="/flows/device/start" />
        </>
      )}
      <SequenceDiagram
        title="Device flow"
        actors={["Person (phone)", "This site (the device)", "Salesforce"]}
        steps={[
          { from: 1, to: 2, label: "POST /token: response_type=device_code" },
          { from: 2, to: 1, label: "device_code, user_code, verification_uri, interval" },
          { from: 1, to: 0, label: "show the user code and the QR code" },
          { from: 0, to: 2, label: "GET /setup/connect: log in, enter code, Allow" },
          { from: 1, to: 2, label: "POST /token: grant_type=device (every interval)" },
          { from: 2, to: 1, label: "authorization_pending … then the tokens" },
          { from: 1, to: 2, label: "GET identity URL" },
          { from: 1, to: 0, label: "session cookie → token inspector", redirect: true },
        ]}
      />
      <h2 className="mt-6 text-lg font-semibold">The requests</h2>
      <p className="text-sm text-slate-700">
        Both go to the token endpoint, <code className="break-all">POST {token}</code>, as{" "}
        <code>application/x-www-form-urlencoded</code>. Salesforce has no separate device
        authorization endpoint, and sends no <code>expires_in</code>.
      </p>
      <ParamsTable
        caption="1. Ask for a device code"
        rows={[
          {
            name: "response_type",
            value: "device_code",
            why: "Asks for a device code and a user code instead of tokens.",
          },
          { name: "client_id", value: maskKey(org.clientId), why: "The app's consumer key." },
          { name: "scope", value: org.scopes, why: "What the tokens may do." },
        ]}
      />
      <ParamsTable
        caption="2. Poll, no faster than the interval"
        rows={[
          { name: "grant_type", value: "device", why: "Salesforce's name for this grant." },
          { name: "client_id", value: maskKey(org.clientId), why: "The same consumer key." },
          {
            name: "code",
            value: "the device_code from step 1 (kept in a sealed cookie, never shown)",
            why: "Trades for tokens once the person allows access.",
          },
        ]}
      />
      <p className="text-sm text-slate-700">
        While the person has not decided, Salesforce answers HTTP 400 with{" "}
        <code>authorization_pending</code>; a poll sooner than the interval gets{" "}
        <code>slow_down</code> (wait 5 seconds longer from then on). <em>Deny</em> gives{" "}
        <code>access_denied</code>. The browser asks this site, and the site asks Salesforce at most
        once per interval, however many tabs ask. When Salesforce does not answer (a timeout, an
        error page), the site keeps the code and waits twice as long before asking again.
      </p>
      <DeviceCode org={org} />
    </section>
  )
}

function Waiting({ w }: { w: DeviceWaiting }) {
  return (
    <section
      aria-labelledby="enter-code-h"
      className="my-4 rounded border border-slate-300 bg-white p-4"
    >
      <h2 id="enter-code-h" className="mb-2 text-lg font-semibold">
        Enter the code on another device
      </h2>
      <div className="flex flex-wrap items-start gap-6">
        <div>
          <p id="user-code-label" className="text-sm font-semibold">
            User code
          </p>
          <output
            aria-labelledby="user-code-label"
            className="mb-3 block font-mono text-3xl tracking-widest break-all"
          >
            {w.userCode}
          </output>
          <p className="mb-1">
            <a
              className="text-blue-800 underline"
              href={w.verificationUri}
              target="_blank"
              rel="noopener noreferrer"
            >
              Open the verification page
            </a>
          </p>
          <p className="mb-3 text-sm break-all text-slate-700">{w.verificationUri}</p>
          <p className="mb-3 text-sm text-slate-700">
            Log in there, enter the code and press <em>Allow</em>. The code expires at{" "}
            {new Date(w.expiresAt).toISOString().slice(11, 16)} UTC.
          </p>
        </div>
        <QrCode value={w.verificationUri} label="QR code of the verification page" />
      </div>
      <DevicePoller intervalS={w.intervalS} flowId={w.flowId} notice={w.notice} />
      <form method="post" action="/flows/device/poll" className="mt-2 inline-block">
        <input type="hidden" name="flow" value={w.flowId} />
        <button type="submit" className="rounded border border-slate-500 px-3 py-1">
          Check now
        </button>
      </form>{" "}
      <form method="post" action="/flows/device/start" className="mt-2 inline-block">
        <button type="submit" className="rounded border border-slate-500 px-3 py-1">
          Start again
        </button>
      </form>
    </section>
  )
}
